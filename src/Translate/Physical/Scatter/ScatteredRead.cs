using System.Runtime.CompilerServices;
using System.Buffers;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Scatter;

/// <summary>
/// One request's scattered parts read from a source together: sorted and merged into runs (<see cref="RunMerger"/>).
/// When the runs are several and not all in memory already, every run is announced to the source first
/// (<see cref="IByteSource.WillNeed"/>: a file asks the kernel to start reading them all, so a cold disk sees a deep
/// queue), then read, several at once when there are many; a single run is read at once, and parts already in memory
/// are read one after another as they come, without sorting or merging.
/// A run that fails is read again part by part, so only the parts that really cannot be read fail; each failure is
/// kept with its part, for the caller to raise in its own order.
/// </summary>
internal sealed unsafe class ScatteredRead
{
    /// <summary>Parts at most this far apart are read with the bytes between them: 16 KiB read costs less than a second read.</summary>
    public const int MaxGap = 16 << 10;

    /// <summary>Runs are at most 1 MiB, so a merged read stays about as large as the mount's largest request.</summary>
    public const int MaxRunBytes = 1 << 20;

    /// <summary>With this many runs or more the runs are read in parallel.</summary>
    public const int ParallelFrom = 8;

    /// <summary>Positional reads in flight at once (the calling thread is one of them).</summary>
    public const int MaxParallelReads = 4;

    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = MaxParallelReads };

    private readonly IByteSource _source;
    private readonly ScatterRequest[] _requests;
    private readonly Exception?[] _failures;
    private readonly Func<int, string> _describe;
    private readonly int[] _order;
    private readonly List<ScatterRun> _runs = [];

    private ScatteredRead(IByteSource source, ReadOnlySpan<ScatterRequest> requests, Func<int, string> describe)
    {
        _source = source;
        _requests = requests.ToArray();
        _failures = new Exception?[requests.Length];
        _describe = describe;
        _order = new int[requests.Length];
    }

    /// <summary>
    /// Reads every request of <paramref name="requests"/> from <paramref name="source"/> into <paramref name="destination"/>;
    /// <paramref name="failures"/>[i] is the error of request i (null when it was read). <paramref name="describe"/> names
    /// request i in error messages (what was being read).
    /// </summary>
    public static void Read(IByteSource source, ReadOnlySpan<ScatterRequest> requests, Span<byte> destination, Span<Exception?> failures, Func<int, string> describe)
    {
        if (failures.Length < requests.Length) throw new ArgumentException($"{failures.Length} failure slots for {requests.Length} requests", nameof(failures));
        foreach (var r in requests)
        {
            if (r.Length < 0 || r.Destination < 0 || r.Destination > destination.Length - r.Length)
                throw new ArgumentOutOfRangeException(nameof(requests), $"0x{r.Length:X} bytes at 0x{r.Destination:X} do not fit a 0x{destination.Length:X}-byte destination");
        }
        if (requests.Length == 1)
        {
            failures[0] = ReadOne(source, requests[0], destination, describe);
            return;
        }
        var read = new ScatteredRead(source, requests, describe);
        fixed (byte* bytes = destination)
        {
            read.Run((nint)bytes);
        }
        read._failures.CopyTo(failures);
    }

    /// <summary>
    /// A single part (most requests: frames in physical order join into one): read in place, as <see cref="ReadRun"/>
    /// reads a contiguous run, without the merge state; the error, when there is one, is the part's own
    /// (<see cref="ReadPart"/>'s message).
    /// </summary>
    private static Exception? ReadOne(IByteSource source, ScatterRequest request, Span<byte> destination, Func<int, string> describe) =>
        request.Length == 0 ? null : ReadInPlace(source, request, destination.Slice(request.Destination, request.Length), "a merged read", describe, 0);

    /// <summary>
    /// Part <paramref name="index"/> read straight into <paramref name="part"/>; when that fails, read again under its own
    /// name (<paramref name="describe"/>), so the error kept is the one that names the part. Null when it was read.
    /// </summary>
    private static Exception? ReadInPlace(IByteSource source, ScatterRequest request, Span<byte> part, string label, Func<int, string> describe, int index)
    {
        try
        {
            source.ReadExactly(request.Offset, part, label);
            return null;
        }
        catch (Exception)
        {
        }
        try
        {
            source.ReadExactly(request.Offset, part, describe(index));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run(nint destination)
    {
        var count = 0;
        for (var i = 0; i < _requests.Length; i++)
        {
            var r = _requests[i];
            if (r.Length == 0) continue;
            // A part past the end of the source fails now, with the message that names the file's end.
            if (r.Offset < 0 || r.Offset > _source.Length || r.Length > _source.Length - r.Offset) ReadPart(i, destination);
            else _order[count++] = i;
        }
        if (count > 1 && InMemory(_order.AsSpan(0, count)))
        {
            // Sorting, merging and hints only pay off against a disk: parts in memory are read as they come.
            for (var k = 0; k < count; k++) ReadPartInMemory(_order[k], destination);
            return;
        }
        RunMerger.Merge(_requests, _order.AsSpan(0, count), _runs, MaxGap, MaxRunBytes);
        // A single run's read asks for all of it at once: a hint first adds nothing, and on a file read sequentially it
        // stands in for the kernel's own readahead of the next request (a cold region read took 2.3x as long with it,
        // and the probe wrongly reports pages marked for readahead as uncached).
        if (_runs.Count <= 1)
        {
            for (var k = 0; k < _runs.Count; k++) ReadRun(k, destination);
            return;
        }
        foreach (var run in _runs) _source.WillNeed(run.Offset, run.Length);
        if (_runs.Count < ParallelFrom)
        {
            for (var k = 0; k < _runs.Count; k++) ReadRun(k, destination);
            return;
        }
        Parallel.For(0, _runs.Count, Parallelism, k => ReadRun(k, destination));
    }

    /// <summary>
    /// Whether the parts are in memory (the OS page cache) already: the first, middle and last of them are; false when
    /// any of them must come from a disk or the source cannot tell.
    /// </summary>
    private bool InMemory(ReadOnlySpan<int> parts)
    {
        foreach (var k in (ReadOnlySpan<int>)[0, parts.Length / 2, parts.Length - 1])
        {
            if (_source.MustFetch(_requests[parts[k]].Offset) != false) return false;
        }
        return true;
    }

    /// <summary>A part read in place, its failure kept with it (<see cref="ReadInPlace"/>).</summary>
    private void ReadPartInMemory(int i, nint destination)
    {
        var r = _requests[i];
        _failures[i] = ReadInPlace(_source, r, At(destination, r.Destination, r.Length), "a scattered part", _describe, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadRun(int k, nint destination)
    {
        var run = _runs[k];
        if (Contiguous(run))
        {
            try
            {
                _source.ReadExactly(run.Offset, At(destination, _requests[_order[run.First]].Destination, run.Length), "a merged read");
                return;
            }
            catch (Exception)
            {
                ReadPartsOf(run, destination);
                return;
            }
        }
        var scratch = ArrayPool<byte>.Shared.Rent(run.Length);
        try
        {
            _source.ReadExactly(run.Offset, scratch.AsSpan(0, run.Length), "a merged read");
            for (var p = run.First; p < run.First + run.Count; p++)
            {
                var r = _requests[_order[p]];
                scratch.AsSpan((int)(r.Offset - run.Offset), r.Length).CopyTo(At(destination, r.Destination, r.Length));
            }
        }
        catch (Exception)
        {
            ReadPartsOf(run, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Whether the run's parts follow each other without gaps in the source and in the destination alike: then it is read in place.</summary>
    private bool Contiguous(ScatterRun run)
    {
        var first = _requests[_order[run.First]];
        var (offset, at) = (first.End, first.Destination + first.Length);
        for (var p = run.First + 1; p < run.First + run.Count; p++)
        {
            var r = _requests[_order[p]];
            if (r.Offset != offset || r.Destination != at) return false;
            (offset, at) = (r.End, r.Destination + r.Length);
        }
        return true;
    }

    private void ReadPartsOf(ScatterRun run, nint destination)
    {
        for (var p = run.First; p < run.First + run.Count; p++) ReadPart(_order[p], destination);
    }

    private void ReadPart(int i, nint destination)
    {
        var r = _requests[i];
        try
        {
            _source.ReadExactly(r.Offset, At(destination, r.Destination, r.Length), _describe(i));
        }
        catch (Exception e)
        {
            _failures[i] = e;
        }
    }

    private static Span<byte> At(nint destination, int offset, int length) => new((byte*)destination + offset, length);
}
