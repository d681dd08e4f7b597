using MemFs.Tests.Aff4.Codecs;
using MemFs.Translate.Paging.Compression;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging.Compression;

public class PageDecompressorTests
{
    private const int PageSize = 4096;

    private static byte[] Compress(PageCompressionAlgorithm algorithm, byte[] page) => algorithm switch
    {
        PageCompressionAlgorithm.Xpress => TestXpressEncoder.Encode(page),
        _ => TestLz4BlockEncoder.Encode(page),
    };

    [TestCase(nameof(PageCompressionAlgorithm.Xpress))]
    [TestCase(nameof(PageCompressionAlgorithm.Lz4))]
    public void DecompressesAPageWithTheChosenAlgorithm(string algorithmName)
    {
        var algorithm = Enum.Parse<PageCompressionAlgorithm>(algorithmName);
        byte[] page = CompressionTestPages.Text(seed: 11);
        var decompressor = PageDecompressors.For(algorithm);
        var output = new byte[PageSize];

        decompressor.Decompress(Compress(algorithm, page), output);

        Assert.That(decompressor.Algorithm, Is.EqualTo(algorithm));
        Assert.That(output, Is.EqualTo(page));
    }

    [TestCase(nameof(PageCompressionAlgorithm.Xpress))]
    [TestCase(nameof(PageCompressionAlgorithm.Lz4))]
    public void AStreamShorterThanThePageIsRejected(string algorithmName)
    {
        var algorithm = Enum.Parse<PageCompressionAlgorithm>(algorithmName);
        byte[] compressed = Compress(algorithm, CompressionTestPages.Binary(seed: 12, size: 300));

        var ex = Assert.Throws<InvalidDataException>(() => PageDecompressors.For(algorithm).Decompress(compressed, new byte[PageSize]));
        Assert.That(ex!.Message, Does.Contain("decodes to 300 bytes, not 4096"));
    }

    [Test]
    public void TheAlgorithmFollowsTheBuildAndTheStoresField()
    {
        Assert.That(PageDecompressors.ForStore(19041, 3), Is.InstanceOf<XpressPageDecompressor>());
        Assert.That(PageDecompressors.ForStore(22631, 3), Is.InstanceOf<XpressPageDecompressor>());
        Assert.That(PageDecompressors.ForStore(26100, 0), Is.InstanceOf<Lz4PageDecompressor>());
        var ex = Assert.Throws<NotSupportedException>(() => PageDecompressors.ForStore(19041, 4));
        Assert.That(ex!.Message, Does.Contain("algorithm 4 on build 19041"));
        Assert.Throws<NotSupportedException>(() => PageDecompressors.For((PageCompressionAlgorithm)2));
    }

    [TestCase(nameof(PageCompressionAlgorithm.Xpress))]
    [TestCase(nameof(PageCompressionAlgorithm.Lz4))]
    public void EveryTruncationThrowsOrGivesThePage(string algorithmName)
    {
        var algorithm = Enum.Parse<PageCompressionAlgorithm>(algorithmName);
        byte[] page = CompressionTestPages.Binary(seed: 13);
        byte[] compressed = Compress(algorithm, page);
        var decompressor = PageDecompressors.For(algorithm);

        for (int length = 0; length < compressed.Length; length++)
        {
            var output = new byte[PageSize];
            try
            {
                decompressor.Decompress(compressed.AsSpan(0, length), output);
            }
            catch (InvalidDataException)
            {
                continue;
            }
            Assert.That(output, Is.EqualTo(page), $"a stream cut to {length} of {compressed.Length} bytes decoded to other bytes");
        }
    }

    [TestCase(nameof(PageCompressionAlgorithm.Xpress))]
    [TestCase(nameof(PageCompressionAlgorithm.Lz4))]
    public void FuzzedStreamsFailOnlyWithInvalidData(string algorithmName)
    {
        var algorithm = Enum.Parse<PageCompressionAlgorithm>(algorithmName);
        var random = new Random(14);
        byte[] compressed = Compress(algorithm, CompressionTestPages.Text(seed: 15));
        var decompressor = PageDecompressors.For(algorithm);
        int rejected = 0;
        for (int round = 0; round < 3000; round++)
        {
            byte[] fuzzed = round % 3 == 0
                ? CodecTestData.Random(random.Next(0, 600), seed: round)
                : (byte[])compressed.Clone();
            if (round % 3 != 0)
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                    fuzzed[random.Next(fuzzed.Length)] ^= (byte)random.Next(1, 256);
            try
            {
                decompressor.Decompress(fuzzed, new byte[PageSize]);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(1000), "random and damaged streams are mostly caught");
    }
}
