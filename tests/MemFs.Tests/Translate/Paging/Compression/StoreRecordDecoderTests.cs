using MemFs.Translate.Paging.Compression;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging.Compression;

public class StoreRecordDecoderTests
{
    [Test]
    public void ARecordAsLongAsThePageIsThePageStoredRaw()
    {
        // Random bytes are no valid XPRESS stream, so only the raw path can give them back.
        byte[] record = MemFs.Tests.Aff4.Codecs.CodecTestData.Random(4096, seed: 21);
        var page = new byte[4096];

        new StoreRecordDecoder(new XpressPageDecompressor()).Decode(record, page);

        Assert.That(page, Is.EqualTo(record));
    }

    [Test]
    public void AShorterRecordGoesThroughTheStoresDecoder()
    {
        byte[] expected = CompressionTestPages.Text(seed: 22);
        var page = new byte[4096];

        new StoreRecordDecoder(new XpressPageDecompressor()).Decode(TestXpressEncoder.Encode(expected), page);

        Assert.That(page, Is.EqualTo(expected));
    }

    [Test]
    public void ARecordLongerThanThePageIsRejected()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new StoreRecordDecoder(new Lz4PageDecompressor()).Decode(new byte[4097], new byte[4096]));
        Assert.That(ex!.Message, Does.Contain("record of 4097 bytes is longer than its page of 4096 bytes"));
    }
}
