using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Threads that read random 4 KiB pages of a mounted file until stopped, each read checked against the bytes the file
/// held before: a read either gives those bytes or fails with an <see cref="IOException"/> (EIO); anything else is recorded.
/// </summary>
internal sealed partial class VerifyingReaders
{
    private readonly string _path;
    private readonly byte[] _expected;
    private readonly int[] _pages;
    private readonly List<Thread> _threads = [];
    private readonly List<string> _wrong = [];
    private volatile bool _stop;
    private long _good, _failed;

    private VerifyingReaders(string path, byte[] expected, int[] pages)
    {
        _path = path;
        _expected = expected;
        _pages = pages;
    }

    public long Good => Interlocked.Read(ref _good);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Problems seen: wrong bytes, or an exception other than an I/O error.</summary>
    public IReadOnlyList<string> Wrong
    {
        get { lock (_wrong) return [.. _wrong]; }
    }

    /// <summary>Starts <paramref name="threads"/> readers of <paramref name="pages"/> (page indexes) of <paramref name="path"/>.</summary>
    public static VerifyingReaders Start(string path, byte[] expected, int[] pages, int threads = 8)
    {
        var readers = new VerifyingReaders(path, expected, pages);
        for (var t = 0; t < threads; t++)
        {
            var seed = t;
            var thread = new Thread(() => readers.Run(seed)) { IsBackground = true };
            readers._threads.Add(thread);
            thread.Start();
        }
        return readers;
    }

    public void Stop()
    {
        _stop = true;
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Run(int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[4096];
        try
        {
            using var file = File.OpenHandle(_path);
            for (var reads = 0; !_stop; reads++)
            {
                // Drops the kernel's cached pages of the file now and then, so reads keep reaching the mount.
                if (reads % 64 == 0) DropKernelCache(file);
                var page = _pages[random.Next(_pages.Length)];
                try
                {
                    var n = RandomAccess.Read(file, buffer, page * 4096L);
                    if (n != 4096 || !buffer.AsSpan().SequenceEqual(_expected.AsSpan(page * 4096, 4096)))
                        Record($"page {page}: {n} bytes, not the file's");
                    else Interlocked.Increment(ref _good);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
        }
        catch (Exception e)
        {
            Record(e.ToString());
        }
    }

    /// <summary>Asks the kernel to drop its cached pages of <paramref name="file"/>, so the next reads reach the mount.</summary>
    public static void DropKernelCache(SafeFileHandle file) => _ = PosixFadvise(file.DangerousGetHandle().ToInt32(), 0, 0, DontNeed);

    private const int DontNeed = 4; // POSIX_FADV_DONTNEED (Linux)

    [LibraryImport("libc.so.6", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);

    private void Record(string problem)
    {
        lock (_wrong) _wrong.Add(problem);
    }
}
