using MemFs.Aff4.Binary;

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

    // APPNOTE.TXT 4.3.16: end of central directory record.
    private const int SignatureField = 0;
    private const int TotalEntries = 10;
    private const int DirectorySize = 12;
    private const int DirectoryOffset = 16;
    private const int CommentLength = 20;

    /// <summary>True when a field is saturated, i.e. the real value lives in the Zip64 record.</summary>
    public bool IsSaturated =>
        EntriesTotal == ushort.MaxValue || CentralDirectorySize == uint.MaxValue || CentralDirectoryOffset == uint.MaxValue;

    /// <summary>
    /// Scans <paramref name="tail"/> (the last bytes of the file, starting at file position
    /// <paramref name="tailStart"/>) backwards for the record. A record whose comment ends exactly at the
    /// end of the file is preferred; otherwise the last record whose comment fits is taken, so that bytes
    /// appended after the archive are tolerated.
    /// </summary>
    public static EndOfCentralDirectory? Find(ReadOnlySpan<byte> tail, long tailStart, string path)
    {
        var t = new BoundedReader(tail, path, tailStart, "end of the file", Aff4Exception.Create);
        var loose = -1;
        for (var i = tail.Length - FixedSize; i >= 0; i--)
        {
            if (t.U32(i + SignatureField, "Signature") != Signature) continue;
            var end = i + FixedSize + t.U16(i + CommentLength, "CommentLength");
            if (end == tail.Length) return Parse(t, i);
            if (end < tail.Length && loose < 0) loose = i;
        }
        return loose < 0 ? null : Parse(t, loose);
    }

    private static EndOfCentralDirectory Parse(BoundedReader tail, int i)
    {
        var record = tail.Slice(i, tail.Length - i, "end-of-central-directory record");
        var commentLength = record.U16(CommentLength);
        return new EndOfCentralDirectory(
            Position: record.Origin,
            EntriesTotal: record.U16(TotalEntries),
            CentralDirectorySize: record.U32(DirectorySize),
            CentralDirectoryOffset: record.U32(DirectoryOffset),
            Comment: record.Bytes(FixedSize, commentLength, "Comment").ToArray(),
            TrailingBytes: tail.Length - (i + FixedSize + commentLength));
    }
}
