namespace MemFs.Aff4.Codecs;

/// <summary>
/// A compressed chunk in pinned memory, fed to DeflateStream/ZLibStream without copying. Records
/// whether the decompressor asked for bytes past the end: DeflateStream asks only while the deflate
/// stream is unfinished, and otherwise reports a truncated stream as a silent end of data.
/// </summary>
internal sealed unsafe class ChunkInputStream(byte* start, int length) : UnmanagedMemoryStream(start, length)
{
    public bool ReadPastEnd { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = base.Read(buffer, offset, count);
        if (read == 0 && count > 0)
            ReadPastEnd = true;
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        int read = base.Read(buffer);
        if (read == 0 && !buffer.IsEmpty)
            ReadPastEnd = true;
        return read;
    }
}
