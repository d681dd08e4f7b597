using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>A forward-only read stream over a byte range of the file, using positional reads (input for DeflateStream).</summary>
internal sealed class FileRangeStream(SafeFileHandle file, long start, long length) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _read);
        if (count <= 0) return 0;
        var n = RandomAccess.Read(file, buffer[..count], start + _read);
        _read += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
