using System.Buffers;
using MemFs.Translate.Physical.Scatter;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical;

/// <summary>
/// Physical memory stored as runs in a file: raw images, full and bitmap crash dumps, LiME, ELF cores and
/// VMware regions all come down to this. Runs are validated once by <see cref="RunTable"/>; a run that
/// extends past the end of the file (a truncated image) stays listed, and reads past the end fail.
/// </summary>
internal sealed class RunMappedMemory : IPhysicalMemory, IPlainRanges, IDisposable
{
    private readonly IByteSource _source;
    private readonly MappedRun[] _runs;
    private readonly long[] _starts;
    private readonly PlainEvidenceFile? _plain;

    public RunMappedMemory(string format, IByteSource source, RunTable runs)
    {
        Format = format;
        _source = source;
        _runs = runs.Runs.ToArray();
        _starts = Array.ConvertAll(_runs, r => r.Start);
        Runs = RunTable.Merge(_runs);
        Warnings = runs.Warnings;
        _plain = PlainEvidenceFile.For(source);
    }

    public string Format { get; }
    public IReadOnlyList<PhysicalRun> Runs { get; }
    public IReadOnlyList<MappedRun> MappedRuns => _runs;
    public IReadOnlyList<string> Warnings { get; }
    public IByteSource Source => _source;

    public void Read(long address, Span<byte> destination)
    {
        var done = 0;
        var i = Array.BinarySearch(_starts, address);
        if (i < 0) i = ~i - 1;
        while (done < destination.Length)
        {
            var pos = address + done;
            while (i + 1 < _runs.Length && _runs[i + 1].Start <= pos) i++;
            if (i < 0 || pos >= _runs[i].End) throw new PhysicalHoleException(pos, _source.Name);
            var run = _runs[i];
            var n = (int)Math.Min(destination.Length - done, run.End - pos);
            _source.ReadExactly(run.SourceOffsetOf(pos), destination.Slice(done, n), $"physical 0x{pos:X}");
            done += n;
        }
    }

    /// <summary>
    /// The parts located in the file (a part that spans runs becomes a piece per run) and read together by
    /// <see cref="ScatteredRead"/>; a part with a byte in a hole fails with <see cref="PhysicalHoleException"/>.
    /// </summary>
    public void ReadScattered(ReadOnlySpan<ScatterRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        if (TryReadWithinRuns(requests, destination, failures)) return;
        var pieces = new List<ScatterRequest>(requests.Length);
        var addresses = new List<long>(requests.Length);
        var owners = new List<int>(requests.Length);
        for (var i = 0; i < requests.Length; i++)
        {
            failures[i] = null;
            var r = requests[i];
            var i0 = pieces.Count;
            for (var done = 0; done < r.Length;)
            {
                var pos = r.Offset + done;
                var run = RunAt(pos);
                if (run is not { } found)
                {
                    failures[i] = new PhysicalHoleException(pos, _source.Name);
                    pieces.RemoveRange(i0, pieces.Count - i0);
                    addresses.RemoveRange(i0, addresses.Count - i0);
                    owners.RemoveRange(i0, owners.Count - i0);
                    break;
                }
                var n = (int)Math.Min(r.Length - done, found.End - pos);
                pieces.Add(new ScatterRequest(found.SourceOffsetOf(pos), n, r.Destination + done));
                addresses.Add(pos);
                owners.Add(i);
                done += n;
            }
        }
        var pieceFailures = new Exception?[pieces.Count];
        ScatteredRead.Read(_source, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pieces), destination, pieceFailures, p => $"physical 0x{addresses[p]:X}");
        for (var p = 0; p < pieceFailures.Length; p++)
            failures[owners[p]] ??= pieceFailures[p];
    }

    /// <summary>
    /// The common case, every part inside one run (a part per page, or pages joined within a run): the parts keep their
    /// places, so they are located into pooled arrays without grouping. False, with nothing read, when a part crosses a
    /// run's end or a hole.
    /// </summary>
    private bool TryReadWithinRuns(ReadOnlySpan<ScatterRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        var located = ArrayPool<ScatterRequest>.Shared.Rent(requests.Length);
        var addresses = ArrayPool<long>.Shared.Rent(requests.Length);
        try
        {
            for (var i = 0; i < requests.Length; i++)
            {
                var r = requests[i];
                if (RunAt(r.Offset) is not { } run || r.End > run.End) return false;
                located[i] = r with { Offset = run.SourceOffsetOf(r.Offset) };
                addresses[i] = r.Offset;
            }
            ScatteredRead.Read(_source, located.AsSpan(0, requests.Length), destination, failures, p => $"physical 0x{addresses[p]:X}");
            return true;
        }
        finally
        {
            ArrayPool<ScatterRequest>.Shared.Return(located);
            ArrayPool<long>.Shared.Return(addresses);
        }
    }

    private MappedRun? RunAt(long address)
    {
        var i = Array.BinarySearch(_starts, address);
        if (i < 0) i = ~i - 1;
        return i >= 0 && address < _runs[i].End ? _runs[i] : null;
    }

    /// <summary>A range inside one run of a file the image was opened from (not a container's stream).</summary>
    public EvidenceRange? Locate(long address, int length)
    {
        if (_plain is null || length <= 0) return null;
        if (RunAt(address) is not { } run || address + length > run.End) return null;
        return _plain.Locate(run.SourceOffsetOf(address), length);
    }

    /// <summary>Where physical <paramref name="address"/> is stored in the file, or null in a hole.</summary>
    public long? SourceOffsetOf(long address) => RunAt(address) is { } run ? run.SourceOffsetOf(address) : null;

    public void Dispose() => _source.Dispose();
}
