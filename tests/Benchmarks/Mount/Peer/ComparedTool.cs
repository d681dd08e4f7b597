namespace MemFs.Benchmarks.Mount.Peer;

/// <summary>
/// One tool of the MemProcFS comparison: how it mounts the raw image and where its mount shows the same things —
/// the scanned process's directory, physical memory as one file, and the scanned process's per-VAD files.
/// </summary>
internal abstract class ComparedTool
{
    /// <summary>The name and the build the figures were taken with (the table's row label).</summary>
    public abstract string Name { get; }

    /// <summary>Mounts <paramref name="image"/> at <paramref name="mountPoint"/>; returns once <see cref="ProcessDirectory"/> can be listed.</summary>
    public abstract IDisposable Mount(string image, string mountPoint);

    /// <summary>The scanned process's directory, relative to the mount point.</summary>
    public abstract string ProcessDirectory { get; }

    /// <summary>Physical memory as one file, relative to the mount point.</summary>
    public abstract string PhysicalFile { get; }

    /// <summary>The scanned process's per-VAD files (full paths) of the regions starting at <paramref name="starts"/>, listed through the mount.</summary>
    public abstract IReadOnlyList<string> RegionFiles(string mountPoint, IReadOnlyList<ulong> starts);

    /// <summary>Whether a process has ended, or is a zombie waiting for its parent.</summary>
    protected static bool HasEnded(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Unmounts with <paramref name="fusermount"/> -u and waits (15 s at most) for the serving process to end.</summary>
    protected static void Unmount(string fusermount, string mountPoint, int server)
    {
        ChildProcess.Check(fusermount, ["-u", mountPoint]);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!HasEnded(server))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"the server of {mountPoint} (pid {server}) did not end after {fusermount} -u");
            Thread.Sleep(5);
        }
    }
}
