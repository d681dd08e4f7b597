using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Soak.Reading;

/// <summary>
/// Threads that each read random (target, offset, length) through the mount until stopped and compare every read with
/// the target's reference copy: a read that fails is an error, a read that is short or differs counts its wrong bytes.
/// </summary>
internal sealed partial class RandomReaders
{
    public const int MaxListedProblems = 20;

    private readonly IReadOnlyList<ReadTarget> _targets;
    private readonly int _maxRead;
    private readonly List<Thread> _threads = [];
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, long[]> _readsByKind;
    private volatile bool _stop;
    private long _reads, _bytes, _errors, _wrongReads, _wrongBytes;

    private RandomReaders(IReadOnlyList<ReadTarget> targets, int maxRead)
    {
        _targets = targets;
        _maxRead = maxRead;
        _readsByKind = targets.Select(t => t.Kind).Distinct().ToDictionary(k => k, _ => new long[1]);
    }

    public long Reads => Interlocked.Read(ref _reads);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Errors => Interlocked.Read(ref _errors);
    public long WrongReads => Interlocked.Read(ref _wrongReads);
    public long WrongBytes => Interlocked.Read(ref _wrongBytes);
    public IReadOnlyDictionary<string, long> ReadsByKind => _readsByKind.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value[0]));

    /// <summary>The first <see cref="MaxListedProblems"/> errors and wrong reads.</summary>
    public IReadOnlyList<string> Problems
    {
        get { lock (_problems) return [.. _problems]; }
    }

    public static RandomReaders Start(IReadOnlyList<ReadTarget> targets, int threads, int maxRead, int seed)
    {
        if (targets.Count == 0) throw new ArgumentException("nothing to read: the mount has no regions, executables or pictures");
        var readers = new RandomReaders(targets, maxRead);
        for (var t = 0; t < threads; t++)
        {
            var random = new Random(seed * 1000 + t);
            var thread = new Thread(() => readers.Run(random)) { IsBackground = true, Name = $"soak reader {t}" };
            readers._threads.Add(thread);
            thread.Start();
        }
        return readers;
    }

    public void Stop()
    {
        _stop = true;
        foreach (var thread in _threads) thread.Join();
    }

    private void Run(Random random)
    {
        var handles = new Dictionary<string, SafeFileHandle>(StringComparer.Ordinal);
        var served = new byte[_maxRead];
        var expected = new byte[_maxRead];
        try
        {
            for (var reads = 1; !_stop; reads++)
            {
                var target = _targets[random.Next(_targets.Count)];
                var offset = random.NextInt64(target.Length);
                var length = (int)Math.Min(target.Length - offset, Math.Max(1, (long)Math.Exp(random.NextDouble() * Math.Log(_maxRead))));
                var mounted = Handle(handles, target.Mounted);
                // Drops the kernel's cached pages now and then (the mount keeps its cache), so reads keep reaching memfs.
                if (reads % 64 == 0) _ = PosixFadvise(mounted.DangerousGetHandle().ToInt32(), 0, 0, DontNeed);
                Check(target, offset, mounted, Handle(handles, target.Reference), served.AsSpan(0, length), expected.AsSpan(0, length));
            }
        }
        catch (Exception e)
        {
            // A reader that cannot go on (a target it cannot open, a reference copy gone) is an error, not a crash.
            Interlocked.Increment(ref _errors);
            Record($"{Thread.CurrentThread.Name} stopped: {e}");
        }
        finally
        {
            foreach (var handle in handles.Values) handle.Dispose();
        }
    }

    private void Check(ReadTarget target, long offset, SafeFileHandle mounted, SafeFileHandle reference, Span<byte> served, Span<byte> expected)
    {
        Interlocked.Increment(ref _reads);
        Interlocked.Increment(ref _readsByKind[target.Kind][0]);
        var at = target.MountedOffset + offset;
        int got;
        try
        {
            got = ReadFully(mounted, served, at);
        }
        catch (IOException e)
        {
            Interlocked.Increment(ref _errors);
            Record($"{target.Mounted} @0x{at:X}+0x{served.Length:X}: {e.Message}");
            return;
        }
        Interlocked.Add(ref _bytes, got);
        if (ReadFully(reference, expected, offset) != expected.Length) throw new IOException($"reference copy {target.Reference} is short at 0x{offset:X}");
        var wrong = served.Length - got;
        for (var i = 0; i < got; i++)
            if (served[i] != expected[i]) wrong++;
        if (wrong == 0) return;
        Interlocked.Increment(ref _wrongReads);
        Interlocked.Add(ref _wrongBytes, wrong);
        Record($"{target.Mounted} @0x{at:X}+0x{served.Length:X}: {wrong} wrong bytes ({got} read, first difference at +0x{served[..got].CommonPrefixLength(expected[..got]):X})");
    }

    private static int ReadFully(SafeFileHandle file, Span<byte> destination, long offset)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(file, destination[done..], offset + done);
            if (n == 0) break;
            done += n;
        }
        return done;
    }

    private static SafeFileHandle Handle(Dictionary<string, SafeFileHandle> handles, string path)
    {
        if (!handles.TryGetValue(path, out var handle)) handles[path] = handle = File.OpenHandle(path);
        return handle;
    }

    private void Record(string problem)
    {
        lock (_problems)
            if (_problems.Count < MaxListedProblems) _problems.Add(problem);
    }

    private const int DontNeed = 4; // POSIX_FADV_DONTNEED (Linux)

    [LibraryImport("libc.so.6", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}
