using System.Globalization;
using System.Text.RegularExpressions;

namespace MemFs.Benchmarks.Mount.Peer;

/// <summary>
/// memfs, started as a user starts it: <c>memfs mount IMAGE MNT</c> (backgrounds the server, returns once mounted),
/// either the build output under <c>dotnet</c> (framework-dependent, JIT) or a published binary (the NativeAOT one
/// the .deb ships, from MEMFS_EXECUTABLE).
/// </summary>
internal sealed partial class MemFsTool(string name, string program, IReadOnlyList<string> prefix) : ComparedTool
{
    public override string Name => name;

    /// <summary>The benchmark's own build output, <c>dotnet memfs.dll</c>.</summary>
    public static MemFsTool FrameworkDependent()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "memfs.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} should be in the benchmark's output: the project references src/Mount");
        return new MemFsTool("memfs, framework-dependent (`dotnet memfs.dll`)", "dotnet", [dll]);
    }

    /// <summary>The binary MEMFS_EXECUTABLE names (e.g. the NativeAOT build of packaging/build.sh), or null when unset.</summary>
    public static MemFsTool? Published() =>
        Environment.GetEnvironmentVariable("MEMFS_EXECUTABLE") is { Length: > 0 } path
            ? new MemFsTool($"memfs, published (`{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}`)", path, [])
            : null;

    public override string ProcessDirectory => "processes/" + PeerImage.MemFsProcessDirectory;

    public override string PhysicalFile => "image/physical.raw";

    public override IDisposable Mount(string image, string mountPoint)
    {
        var result = ChildProcess.Check(program, [.. prefix, "mount", image, mountPoint]);
        var served = ServingPid().Match(result.Stderr);
        if (!served.Success) throw new InvalidOperationException($"memfs mount did not say which process serves the mount: {result.Stderr}");
        return new Mounted(mountPoint, int.Parse(served.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>regions/ names each file by its VAD's range: <c>0xSTART-0xEND-kind.bin</c>.</summary>
    public override IReadOnlyList<string> RegionFiles(string mountPoint, IReadOnlyList<ulong> starts)
    {
        var files = Directory.GetFiles(Path.Combine(mountPoint, ProcessDirectory, "regions"));
        return [.. starts.Select(start => files.Single(f => Path.GetFileName(f).StartsWith($"0x{start:X12}-", StringComparison.Ordinal)))];
    }

    private sealed class Mounted(string mountPoint, int server) : IDisposable
    {
        public void Dispose() => Unmount("fusermount3", mountPoint, server);
    }

    [GeneratedRegex(@"in the background \(pid (\d+)\)")]
    private static partial Regex ServingPid();
}
