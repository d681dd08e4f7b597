using System.Runtime.InteropServices;
using MemFs.Mount;
using MemFs.Vfs.Session;
using MemFs.Mount.Fuse;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// A tree mounted for real by <see cref="FuseHost"/> on a thread of this process (what <c>memfs mount --foreground</c>
/// runs), at an existing empty directory. The constructor returns once the mount is up (readahead already raised);
/// disposing unmounts and waits for the host to return, so the directory can be mounted on again. Needs /dev/fuse.
/// </summary>
internal sealed class BenchmarkMount : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _host;
    private Exception? _failure;

    public BenchmarkMount(IVirtualFileSystem tree, string mountPoint, bool spliceReads = false)
    {
        Path = mountPoint;
        var mounted = new ManualResetEventSlim(); // not disposed: a host that fails late still sets it
        _host = new Thread(() =>
        {
            try
            {
                new FuseHost { Mounted = _ => mounted.Set(), SpliceReads = spliceReads }.Run(tree, mountPoint, new MountOptions(), _stop.Token);
            }
            catch (Exception e)
            {
                _failure = e;
                mounted.Set();
            }
        }) { IsBackground = true, Name = "benchmark-fuse-host" };
        _host.Start();
        if (!mounted.Wait(Timeout) || _failure is not null)
            throw new InvalidOperationException($"FUSE mount at {mountPoint} did not come up: {_failure?.Message ?? "timeout"}", _failure);
    }

    public string Path { get; }

    public string this[string treePath] => Path + treePath;

    /// <summary>An image opened as <c>memfs mount</c> and <c>memfs cat</c> open it (the CLI's session, default cache size).</summary>
    public static EvidenceSession OpenTree(string image)
    {
        var session = EvidenceSession.Open(new EvidenceOptions(image));
        if (session.System is null)
        {
            session.Dispose();
            throw new InvalidOperationException($"{image}: no Windows system found: {session.SystemFailure}");
        }
        return session;
    }

    /// <summary>Reads a file to its end the way <c>cat</c> does through a mount: 1 MiB reads, no user-space buffering, sequential hint.</summary>
    public static long ReadSequentially(string path, byte[] buffer)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0) total += n;
        return total;
    }

    /// <summary>Reads <paramref name="length"/> bytes from <paramref name="offset"/> as <see cref="ReadSequentially"/> does (a part of a sparse vmem, say).</summary>
    public static long ReadRange(string path, long offset, long length, byte[] buffer)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        stream.Position = offset;
        long total = 0;
        int n;
        while (total < length && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - total))) > 0) total += n;
        return total;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_host.Join(Timeout)) throw new InvalidOperationException($"the FUSE host of {Path} did not stop");
        _stop.Dispose();
    }
}

/// <summary>The kernel's page cache, emptied between iterations so reads reach the file system or the disk.</summary>
internal static class KernelPageCache
{
    private const int FadviseDontNeed = 4;

    /// <summary>Drops the cached pages of one file (posix_fadvise DONTNEED): through a mount, the next read goes to FUSE.</summary>
    public static void Drop(string path)
    {
        using var handle = File.OpenHandle(path);
        var error = PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, FadviseDontNeed);
        if (error != 0) throw new IOException($"posix_fadvise(DONTNEED) on {path}: errno {error}");
    }

    /// <summary>Writes back and drops every clean cached page, dentry and inode (root only): the next read of a file comes from disk.</summary>
    public static void DropEverything()
    {
        RequireRoot("dropping the kernel's caches");
        Sync();
        File.WriteAllText("/proc/sys/vm/drop_caches", "3");
    }

    public static void RequireRoot(string what)
    {
        if (!Environment.IsPrivilegedProcess) throw new InvalidOperationException($"{what} needs root");
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();
}

/// <summary>
/// A GlobalSetup that removes what it made when it fails (BenchmarkDotNet runs no GlobalCleanup then), so a failed
/// check leaves no image in /tmp or /dev/shm and no mount behind.
/// </summary>
internal static class GuardedSetup
{
    public static void Run(Action setup, Action cleanup)
    {
        try
        {
            setup();
        }
        catch
        {
            try
            {
                cleanup();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"cleanup after the failed setup failed too: {e.Message}");
            }
            throw;
        }
    }
}
