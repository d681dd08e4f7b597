using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;
using NUnit.Framework;

namespace MemFs.Tests.Vfs;

public class CachedFileTests
{
    /// <summary>Byte i is (i * 7 + i / 4096) mod 256; 4 KiB pages listed in <c>bad</c> cannot be produced.</summary>
    private sealed class PatternFile(ChunkCache cache, long length, params long[] bad) : CachedFile("pattern", cache)
    {
        public int Produced;
        public override long Length => length;

        public static byte At(long i) => (byte)(i * 7 + i / 4096);

        protected override void ReadUncached(long offset, Span<byte> destination)
        {
            Interlocked.Increment(ref Produced);
            for (var i = 0; i < destination.Length; i++)
            {
                var at = offset + i;
                if (bad.Contains(at / 4096)) throw new IOException($"page 0x{at / 4096 * 4096:X} is bad");
                destination[i] = At(at);
            }
        }
    }

    [Test]
    public void ReadsAcrossPagesAndStopsAtTheEnd()
    {
        using var cache = new ChunkCache(16 << 20);
        var file = new PatternFile(cache, 200_000);
        var buffer = new byte[100_000];
        Assert.That(file.Read(150_000, buffer), Is.EqualTo(50_000));
        for (var i = 0; i < 50_000; i++)
            if (buffer[i] != PatternFile.At(150_000 + i)) Assert.Fail($"byte {150_000 + i}");
        Assert.That(file.Read(200_000, buffer), Is.Zero);
    }

    [Test]
    public void EachPageIsProducedOnceUnderConcurrentReaders()
    {
        using var cache = new ChunkCache(16 << 20);
        var file = new PatternFile(cache, 4L * CachedFile.PageSize);
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var buffer = new byte[4096];
            var offset = (i % 4) * (long)CachedFile.PageSize + 512;
            file.Read(offset, buffer);
            Assert.That(buffer[0], Is.EqualTo(PatternFile.At(offset)));
        });
        Assert.That(file.Produced, Is.EqualTo(4));
    }

    [Test]
    public void ABadPageFailsOnlyTheReadsThatIncludeIt()
    {
        using var cache = new ChunkCache(16 << 20);
        var file = new PatternFile(cache, CachedFile.PageSize, 3);
        var good = new byte[4096];
        Assert.That(file.Read(0x2000, good), Is.EqualTo(4096));
        Assert.That(good[100], Is.EqualTo(PatternFile.At(0x2000 + 100)));
        var spanning = new byte[8192];
        var error = Assert.Throws<IOException>(() => file.Read(0x2800, spanning));
        Assert.That(error!.Message, Does.Contain("0x3000"));
    }
}
