using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MemFs.Benchmarks.Comparison;

/// <summary>
/// Another build's benchmark assembly and everything it references (its own MemFs.*, from its own output directory),
/// loaded apart from this build's, so that two commits' benchmarks run the same way.
/// </summary>
internal sealed class BuildContext(string benchmarksDll) : AssemblyLoadContext($"build {benchmarksDll}", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(benchmarksDll);

    public Assembly Benchmarks => LoadFromAssemblyPath(benchmarksDll);

    /// <summary>Every assembly the build's dependency file names comes from the build; the framework from the shared one.</summary>
    protected override Assembly? Load(AssemblyName name) =>
        _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override nint LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } path ? NativeLibrary.Load(path) : 0;
}
