using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>The few glibc calls the FUSE host needs.</summary>
internal static partial class Libc
{
    private const string Name = "libc.so.6";
    public const int MNT_DETACH = 2;

    [LibraryImport(Name, EntryPoint = "getuid")]
    public static partial uint GetUid();

    [LibraryImport(Name, EntryPoint = "getgid")]
    public static partial uint GetGid();

    [LibraryImport(Name, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUid();

    [LibraryImport(Name, EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Umount2(string target, int flags);

    /// <summary>dlvsym: a symbol of one version; it also finds symbols that only have hidden versions (libfuse ≥ 3.17).</summary>
    public static nint VersionedSymbol(nint library, string name, string version)
    {
        try
        {
            return DlVSym(library, name, version);
        }
        catch (EntryPointNotFoundException)
        {
            return DlVSymLibDl(library, name, version); // glibc < 2.34 keeps it in libdl
        }
    }

    [LibraryImport(Name, EntryPoint = "dlvsym", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlVSym(nint library, string name, string version);

    [LibraryImport("libdl.so.2", EntryPoint = "dlvsym", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint DlVSymLibDl(nint library, string name, string version);
}
