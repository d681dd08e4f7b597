using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>The word-at-a-time bitmap scan against a bit-by-bit reference.</summary>
public class PageBitmapTests
{
    [TestCase(1, 0.5)]
    [TestCase(64, 0.5)]
    [TestCase(65, 0.9)]
    [TestCase(1000, 0.05)]
    [TestCase(1000, 0.97)]
    [TestCase(4099, 0.5)]
    public void MatchesABitByBitScan(int bits, double density)
    {
        var random = new Random(bits);
        for (var round = 0; round < 20; round++)
        {
            var bitmap = new byte[(bits + 7) / 8 + 3];
            random.NextBytes(bitmap);
            for (var i = 0; i < bitmap.Length * 8; i++)
                if (random.NextDouble() >= density) bitmap[i / 8] &= (byte)~(1 << (i % 8));
            var present = Enumerable.Range(0, bits).Where(i => (bitmap[i / 8] >> (i % 8) & 1) != 0).Select(i => (long)i).ToArray();

            var scanned = PageBitmap.Scan(bitmap, bits, firstPageOffset: 0x5000);
            Assert.That(scanned.SetBits, Is.EqualTo(present.Length));
            Assert.That(RunTable.Merge(scanned.Runs), Is.EqualTo(BuiltDumps.RunsOf(present)));
            var stored = 0L;
            foreach (var run in scanned.Runs)
            {
                Assert.That(run.SourceOffset, Is.EqualTo(0x5000 + stored));
                stored += run.Length;
            }
        }
    }

    [Test]
    public void RunsEndWhereTheBitmapEnds()
    {
        var scanned = PageBitmap.Scan([0xFF, 0xFF], 12, 0);
        Assert.That(scanned.Runs, Is.EqualTo(new[] { new MappedRun(0, 12 * 0x1000, 0) }));
        Assert.That(scanned.SetBits, Is.EqualTo(12));
    }
}
