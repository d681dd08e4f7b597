using System.Buffers.Binary;
using MemFs.Translate.Windows.Handles;
using MemFs.Vfs.Minidump;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>HandleDataStream's layout: names stored once, an unnamed object with ObjectNameRva 0, and the byte bound.</summary>
public class HandleDataStreamTests
{
    private static readonly HandleInfo[] Handles =
    [
        new(0x4, 0xFFFF_A000_0000_1000, 0xFFFF_A000_0000_1030, 0x1F0001, 17, 17, "Mutant", @"\BaseNamedObjects\M", null),
        new(0x8, 0xFFFF_A000_0000_2000, 0xFFFF_A000_0000_2030, 0x1F0003, 16, 16, "Event", null, null),
        new(0xC, 0xFFFF_A000_0000_3000, 0xFFFF_A000_0000_3030, 0x1F0001, 17, 17, "Mutant", @"\BaseNamedObjects\M", null),
    ];

    private static (byte[] Bytes, uint At) Render(HandleDataStream stream)
    {
        var allocator = new PrefixAllocator(0x40);
        stream.Place(allocator);
        var writer = new MinidumpWriter(new byte[allocator.End]);
        stream.Write(writer);
        return (writer.Bytes, stream.Location.Rva);
    }

    private static uint U32(byte[] bytes, long at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at));

    [Test]
    public void EachNameIsStoredOnceAndAnUnnamedObjectHasNoNameRva()
    {
        var (bytes, at) = Render(new HandleDataStream(Handles));

        Assert.That((U32(bytes, at), U32(bytes, at + 4), U32(bytes, at + 8)), Is.EqualTo((16u, 32u, 3u)));
        uint Field(int handle, int offset) => U32(bytes, at + 16 + 32 * handle + offset);
        Assert.That(Field(2, 8), Is.EqualTo(Field(0, 8)), "one Mutant type string");
        Assert.That(Field(2, 12), Is.EqualTo(Field(0, 12)), "one name string");
        Assert.That(Field(1, 12), Is.Zero, "the event has no name");
        Assert.That(bytes.Length, Is.EqualTo(0x40 + 16 + 3 * 32 + 24 + 48 + 16), "3 descriptors, then \"Mutant\", \"\\BaseNamedObjects\\M\" and \"Event\", 8-aligned");
    }

    [Test]
    public void TheStreamStopsAtItsByteBound()
    {
        // Header, two descriptors and the three names: the third handle's descriptor does not fit.
        var (bytes, at) = Render(new HandleDataStream(Handles, maxBytes: 16 + 2 * 32 + 24 + 48 + 16));

        Assert.That(U32(bytes, at + 8), Is.EqualTo(2u));
    }
}
