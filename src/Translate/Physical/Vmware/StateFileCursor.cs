using MemFs.Aff4.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>Forward reads of small fields through a buffer, for walking thousands of tags without a read each.</summary>
internal sealed class StateFileCursor(IByteSource source, long position)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private long _bufferStart;
    private int _bufferLength;

    public long Position { get; private set; } = position;
    public long Remaining => source.Length - Position;

    /// <summary>
    /// The next <paramref name="count"/> bytes (at most 255) as <paramref name="structure"/>, read with their file
    /// offset, or false at the end of the file.
    /// </summary>
    public bool TryRead(int count, string structure, out BoundedReader reader)
    {
        reader = default;
        if (count > Remaining) return false;
        if (Position < _bufferStart || Position + count > _bufferStart + _bufferLength)
        {
            _bufferStart = Position;
            _bufferLength = source.Read(Position, _buffer);
            if (_bufferLength < count) return false;
        }
        reader = ImageReader.Over(_buffer.AsSpan((int)(Position - _bufferStart), count), source.Name, Position, structure);
        Position += count;
        return true;
    }

    public void Skip(long count) => Position += count;
}
