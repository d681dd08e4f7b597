using MemFs.Vfs.Producers;
using NUnit.Framework;

namespace MemFs.Tests.Vfs;

public class RangesTests
{
    private static readonly (long, long)[] Data = [(0x1000, 0x3000), (0x3000, 0x4000), (0x8000, 0x9000)];

    [TestCase(0, 0x1000)]
    [TestCase(0x1000, 0x1000)]
    [TestCase(0x3FFF, 0x3FFF)]
    [TestCase(0x4000, 0x8000)]
    public void SeekDataFindsTheNextDataByte(long offset, long expected) => Assert.That(Ranges.SeekData(Data, offset, 0x10000), Is.EqualTo(expected));

    [Test]
    public void SeekDataPastTheLastRangeIsNone() => Assert.That(Ranges.SeekData(Data, 0x9000, 0x10000), Is.Null);

    [TestCase(0, 0)]
    [TestCase(0x1000, 0x4000)]
    [TestCase(0x2FFF, 0x4000)]
    [TestCase(0x8800, 0x9000)]
    [TestCase(0xA000, 0xA000)]
    public void SeekHoleFindsTheNextHoleAcrossAdjacentRanges(long offset, long expected) => Assert.That(Ranges.SeekHole(Data, offset, 0x10000), Is.EqualTo(expected));

    [Test]
    public void TheEndOfTheFileIsAHoleAndBeyondItIsNothing()
    {
        Assert.That(Ranges.SeekHole([(0, 0x2000)], 0x1000, 0x2000), Is.EqualTo(0x2000));
        Assert.That(Ranges.SeekHole(Data, 0x10000, 0x10000), Is.Null);
        Assert.That(Ranges.SeekData(Data, 0x10000, 0x10000), Is.Null);
    }
}
