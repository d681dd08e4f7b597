using System.Buffers.Binary;

namespace MemFs.Aff4.Container;

/// <summary>The classic end-of-central-directory record: 22 bytes plus the archive comment.</summary>
internal sealed record EndOfCentralDirectory(
    long Position,
    int EntriesTotal,
    uint CentralDirectorySize,
    uint CentralDirectoryOffset,
    byte[] Comment,
    long TrailingBytes)
{
    public const uint Signature = 0x06054B50;
    public const int FixedSize = 22;
    public const int MaxCommentLength = ushort.MaxValue;

    /// <summary>True when a field is saturated, i.e. the real value lives in the Zip64 record.</summary>
    public bool IsSaturated =>
        EntriesTotal == ushort.MaxValue || CentralDirectorySize == uint.MaxValue || CentralDirectoryOffset == uint.MaxValue;

    /// <summary>
    /// Scans <paramref name="tail"/> (the last bytes of the file, starting at file position
    /// <paramref name="tailStart"/>) backwards for the record. A record whose comment ends exactly at the
    /// end of the file is preferred; otherwise the last record whose comment fits is taken, so that bytes
    /// appended after the archive are tolerated.
    /// </summary>
    public static EndOfCentralDirectory? Find(ReadOnlySpan<byte> tail, long tailStart)
    {
        var loose = -1;
        for (var i = tail.Length - FixedSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[i..]) != Signature) continue;
            var end = i + FixedSize + BinaryPrimitives.ReadUInt16LittleEndian(tail[(i + 20)..]);
            if (end == tail.Length) return Parse(tail, i, tailStart);
            if (end < tail.Length && loose < 0) loose = i;
        }
        return loose < 0 ? null : Parse(tail, loose, tailStart);
    }

    private static EndOfCentralDirectory Parse(ReadOnlySpan<byte> tail, int i, long tailStart)
    {
        var record = tail[i..];
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(record[20..]);
        return new EndOfCentralDirectory(
            Position: tailStart + i,
            EntriesTotal: BinaryPrimitives.ReadUInt16LittleEndian(record[10..]),
            CentralDirectorySize: BinaryPrimitives.ReadUInt32LittleEndian(record[12..]),
            CentralDirectoryOffset: BinaryPrimitives.ReadUInt32LittleEndian(record[16..]),
            Comment: record.Slice(FixedSize, commentLength).ToArray(),
            TrailingBytes: tail.Length - (i + FixedSize + commentLength));
    }
}
