using System.Diagnostics;

namespace MemFs.Benchmarks.Mount.Peer;

/// <summary>
/// MemProcFS (built by ../shared/tools/memprocfs/build.sh; never shipped with MemFs), started as its documentation
/// says: <c>memprocfs -device IMAGE -mount MNT</c> from its files/ directory, serving in the foreground until unmounted.
/// Its mount is ready when the scanned process's <c>pid/N</c> directory can be listed, which is polled every 2 ms.
/// </summary>
internal sealed class MemProcFsTool(string executable) : ComparedTool
{
    public const string Variable = "MEMFS_PEER_MEMPROCFS";

    /// <summary>The binary MEMFS_PEER_MEMPROCFS names, or null (with why) when it is unset or missing.</summary>
    public static MemProcFsTool? Find(out string? why)
    {
        why = null;
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path)) why = $"{Variable} is not set: set it to a MemProcFS build's files/memprocfs to compare with it";
        else if (!File.Exists(path)) why = $"{Variable}={path}: no such file";
        return why is null ? new MemProcFsTool(Path.GetFullPath(path!)) : null;
    }

    public override string Name => "MemProcFS 5.17.5 (source build, no info.db)";

    public override string ProcessDirectory => $"pid/{PeerImage.ScannedPid}";

    public override string PhysicalFile => "memory.pmem";

    public override IDisposable Mount(string image, string mountPoint)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "-device", image, "-mount", mountPoint }) start.ArgumentList.Add(argument);
        var server = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var directory = Path.Combine(mountPoint, ProcessDirectory);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Listable(directory))
        {
            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                if (!server.HasExited) server.Kill();
                throw new InvalidOperationException($"MemProcFS did not mount {image} with {directory} in 30 s (exit code {(server.HasExited ? server.ExitCode : "none")})");
            }
            Thread.Sleep(2);
        }
        return new Mounted(mountPoint, server);
    }

    private static bool Listable(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).Any();
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>vmemd/ names each VAD's file by its start (<c>0x%016llx</c>), then <c>-tag.vvmem</c> or, for ranges it knows from the page tables only, <c>.vmem</c>.</summary>
    public override IReadOnlyList<string> RegionFiles(string mountPoint, IReadOnlyList<ulong> starts)
    {
        var files = Directory.GetFiles(Path.Combine(mountPoint, ProcessDirectory, "vmemd"));
        return [.. starts.Select(start => files.Single(f => Path.GetFileName(f).StartsWith($"0x{start:x16}", StringComparison.Ordinal)))];
    }

    private sealed class Mounted(string mountPoint, Process server) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Unmount("fusermount", mountPoint, server.Id);
            }
            finally
            {
                server.WaitForExit(TimeSpan.FromSeconds(5));
                server.Dispose();
            }
        }
    }
}
