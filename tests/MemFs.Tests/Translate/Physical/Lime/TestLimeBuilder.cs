using System.Buffers.Binary;

namespace MemFs.Tests.Translate.Physical.Lime;

/// <summary>Writes LiME images: per range a 32-byte header { "EMiL", version, s_addr, e_addr (inclusive), reserved } and the range's bytes.</summary>
internal sealed class TestLimeBuilder
{
    private readonly MemoryStream _stream = new();

    public long Position => _stream.Position;

    /// <summary>A range of known page contents (<see cref="TestPhysicalPages"/>).</summary>
    public TestLimeBuilder Range(long start, long length) => Range(start, length, TestPhysicalPages.Bytes(start, length));

    public TestLimeBuilder Range(long start, long length, byte[] data, uint magic = 0x4C694D45, uint version = 1) =>
        Header((ulong)start, (ulong)(start + length - 1), magic, version).Raw(data);

    public TestLimeBuilder Header(ulong start, ulong inclusiveEnd, uint magic = 0x4C694D45, uint version = 1)
    {
        var header = new byte[32];
        BinaryPrimitives.WriteUInt32LittleEndian(header, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), start);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), inclusiveEnd);
        return Raw(header);
    }

    public TestLimeBuilder Raw(byte[] bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();
}
