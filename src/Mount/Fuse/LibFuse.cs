using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// libfuse3's high-level API, every symbol resolved by version (libfuse ≥ 3.17 exports fuse_new only under hidden
/// versions, which plain dlsym cannot see). Loaded once per process.
/// </summary>
internal sealed unsafe class LibFuse
{
    private const string LibraryName = "libfuse3.so.3";
    private static readonly Lazy<LibFuse> Shared = new(() => new LibFuse(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static LibFuse Instance => Shared.Value;

    public readonly delegate* unmanaged<FuseArgs*, nint*, nuint, nint, nint> New;
    public readonly delegate* unmanaged<nint, byte*, int> Mount;
    public readonly delegate* unmanaged<nint, void> Unmount;
    public readonly delegate* unmanaged<nint, void> Destroy;
    public readonly delegate* unmanaged<nint, void> Exit;
    public readonly delegate* unmanaged<FuseContext*> GetContext;
    public readonly delegate* unmanaged<FuseArgs*, byte*, int> AddArgument;
    public readonly delegate* unmanaged<FuseArgs*, void> FreeArguments;
    private readonly delegate* unmanaged<nint, nint, int> _loopMt312;
    private readonly delegate* unmanaged<nint, int, int> _loopMt30;
    private readonly delegate* unmanaged<nint> _loopConfigCreate;
    private readonly delegate* unmanaged<nint, uint, void> _loopConfigSetMaxThreads;
    private readonly delegate* unmanaged<nint, void> _loopConfigDestroy;

    private LibFuse()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out var library))
            throw new FuseMountException($"{LibraryName} not found: install the 'fuse3' package (e.g. apt install fuse3)");
        New = (delegate* unmanaged<FuseArgs*, nint*, nuint, nint, nint>)Require(library, "fuse_new", "FUSE_3.1");
        Mount = (delegate* unmanaged<nint, byte*, int>)Require(library, "fuse_mount", "FUSE_3.0");
        Unmount = (delegate* unmanaged<nint, void>)Require(library, "fuse_unmount", "FUSE_3.0");
        Destroy = (delegate* unmanaged<nint, void>)Require(library, "fuse_destroy", "FUSE_3.0");
        Exit = (delegate* unmanaged<nint, void>)Require(library, "fuse_exit", "FUSE_3.0");
        GetContext = (delegate* unmanaged<FuseContext*>)Require(library, "fuse_get_context", "FUSE_3.0");
        AddArgument = (delegate* unmanaged<FuseArgs*, byte*, int>)Require(library, "fuse_opt_add_arg", "FUSE_3.0");
        FreeArguments = (delegate* unmanaged<FuseArgs*, void>)Require(library, "fuse_opt_free_args", "FUSE_3.0");
        _loopMt312 = (delegate* unmanaged<nint, nint, int>)Libc.VersionedSymbol(library, "fuse_loop_mt", "FUSE_3.12");
        _loopConfigCreate = (delegate* unmanaged<nint>)Libc.VersionedSymbol(library, "fuse_loop_cfg_create", "FUSE_3.12");
        _loopConfigSetMaxThreads = (delegate* unmanaged<nint, uint, void>)Libc.VersionedSymbol(library, "fuse_loop_cfg_set_max_threads", "FUSE_3.12");
        _loopConfigDestroy = (delegate* unmanaged<nint, void>)Libc.VersionedSymbol(library, "fuse_loop_cfg_destroy", "FUSE_3.12");
        if (_loopMt312 == null || _loopConfigCreate == null || _loopConfigSetMaxThreads == null || _loopConfigDestroy == null)
            _loopMt30 = (delegate* unmanaged<nint, int, int>)Require(library, "fuse_loop_mt", "FUSE_3.0");
    }

    /// <summary>Serves requests on up to <paramref name="maxThreads"/> libfuse worker threads until the session ends.</summary>
    public int LoopMultiThreaded(nint fuse, uint maxThreads)
    {
        if (_loopMt30 != null) return _loopMt30(fuse, 0);
        var config = _loopConfigCreate();
        try
        {
            if (config != 0) _loopConfigSetMaxThreads(config, maxThreads);
            return _loopMt312(fuse, config);
        }
        finally
        {
            if (config != 0) _loopConfigDestroy(config);
        }
    }

    private static nint Require(nint library, string name, string version)
    {
        var symbol = Libc.VersionedSymbol(library, name, version);
        if (symbol == 0)
            throw new FuseMountException($"{LibraryName} has no {name}@{version}: libfuse 3.x (the 'fuse3' package) is required");
        return symbol;
    }
}
