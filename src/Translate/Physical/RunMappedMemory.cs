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
            _source.ReadExactly(run.SourceOffset + (pos - run.Start), destination.Slice(done, n), $"physical 0x{pos:X}");
            done += n;
        }
    }

    /// <summary>Where physical <paramref name="address"/> is stored in the file, or null in a hole.</summary>
    public long? SourceOffsetOf(long address)
    {
        var i = Array.BinarySearch(_starts, address);
        if (i < 0) i = ~i - 1;
        return i >= 0 && address < _runs[i].End ? _runs[i].SourceOffset + (address - _runs[i].Start) : null;
    }

    /// <summary>A range inside one run of a file the image was opened from (not a container's stream).</summary>
    public EvidenceRange? Locate(long address, int length)
    {
        if (_plain is null || length <= 0) return null;
        var i = Array.BinarySearch(_starts, address);
        if (i < 0) i = ~i - 1;
        if (i < 0 || address + length > _runs[i].End) return null;
        return _plain.Locate(_runs[i].SourceOffset + (address - _runs[i].Start), length);
    }

    public void Dispose()
    {
        _plain?.Dispose();
        _source.Dispose();
    }
}
