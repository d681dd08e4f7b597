using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// The content of a non-resident attribute, read through its runs; positional and thread-safe (it holds no
/// position). NTFS defines the bytes between the initialized size and the data size as zeros, and the
/// clusters of a sparse run (of a sparse attribute) as zeros; both read so. Nothing past the data size is read.
/// </summary>
internal sealed class NtfsNonResidentStream : IByteSource
{
    private readonly IByteSource _disk;
    private readonly long _volumeOffset;
    private readonly int _clusterSize;
    private readonly NtfsRun[] _runs;
    private readonly long _initializedSize;

    /// <param name="runs">Sorted, contiguous from VCN 0; they cover every byte below <paramref name="dataSize"/>
    /// unless this is the bootstrap view of a fragmented $MFT, which throws when asked for uncovered bytes.</param>
    public NtfsNonResidentStream(string name, IByteSource disk, long volumeOffset, int clusterSize, NtfsRun[] runs, long dataSize, long initializedSize)
    {
        Name = name;
        _disk = disk;
        _volumeOffset = volumeOffset;
        _clusterSize = clusterSize;
        _runs = runs;
        Length = dataSize;
        _initializedSize = initializedSize;
    }

    public string Name { get; }
    public long Length { get; }

    public int Read(long offset, Span<byte> destination)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
        if (offset >= Length) return 0;
        var total = (int)Math.Min(destination.Length, Length - offset);
        var done = 0;
        while (done < total)
        {
            var position = offset + done;
            var part = destination.Slice(done, total - done);
            if (position >= _initializedSize)
            {
                part.Clear();
                break;
            }
            var run = FindRun(position / _clusterSize);
            var runEnd = run.EndVcn * _clusterSize;
            var n = (int)Math.Min(part.Length, Math.Min(runEnd, _initializedSize) - position);
            if (run.IsSparse)
                part[..n].Clear();
            else
                _disk.ReadExactly(_volumeOffset + run.Lcn * _clusterSize + (position - run.Vcn * _clusterSize), part[..n], $"{Name} at byte 0x{position:X}");
            done += n;
        }
        return total;
    }

    /// <summary>Disk offset of a byte of this stream, or null when it lies in a sparse run.</summary>
    public long? DiskOffsetOf(long position)
    {
        var run = FindRun(position / _clusterSize);
        return run.IsSparse ? null : _volumeOffset + run.Lcn * _clusterSize + (position - run.Vcn * _clusterSize);
    }

    private NtfsRun FindRun(long vcn)
    {
        int lo = 0, hi = _runs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (vcn < _runs[mid].Vcn) hi = mid - 1;
            else if (vcn >= _runs[mid].EndVcn) lo = mid + 1;
            else return _runs[mid];
        }
        throw new MemFs.Translate.Physical.ImageFormatException(_disk.Name, null,
            $"{Name}: VCN 0x{vcn:X} is not mapped by any run (an attribute extent is missing)");
    }

    public void Dispose() { }
}
