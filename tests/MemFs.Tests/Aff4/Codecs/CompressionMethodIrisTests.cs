using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class CompressionMethodIrisTests
{
    [TestCase("http://code.google.com/p/snappy/", CompressionMethod.Snappy)]
    [TestCase("https://code.google.com/p/snappy/", CompressionMethod.Snappy)]
    [TestCase("http://code.google.com/p/snappy", CompressionMethod.Snappy)]
    [TestCase("https://github.com/google/snappy", CompressionMethod.Snappy)]
    [TestCase("http://github.com/google/snappy", CompressionMethod.Snappy)]
    [TestCase("https://github.com/google/snappy/", CompressionMethod.Snappy)]
    [TestCase("https://www.ietf.org/rfc/rfc1950.txt", CompressionMethod.Zlib)]
    [TestCase("http://www.ietf.org/rfc/rfc1950.txt", CompressionMethod.Zlib)]
    [TestCase("https://www.ietf.org/rfc/rfc1950.txt/", CompressionMethod.Zlib)]
    [TestCase("https://tools.ietf.org/html/rfc1951", CompressionMethod.Deflate)]
    [TestCase("http://tools.ietf.org/html/rfc1951", CompressionMethod.Deflate)]
    [TestCase("https://tools.ietf.org/html/rfc1951/", CompressionMethod.Deflate)]
    [TestCase("https://code.google.com/p/lz4/", CompressionMethod.Lz4)]
    [TestCase("http://code.google.com/p/lz4/", CompressionMethod.Lz4)]
    [TestCase("https://code.google.com/p/lz4", CompressionMethod.Lz4)]
    [TestCase("http://aff4.org/Schema#NullCompressor", CompressionMethod.Stored)]
    [TestCase("https://aff4.org/Schema#NullCompressor", CompressionMethod.Stored)]
    [TestCase("http://afflib.org/2009/aff4#nullCompressor", CompressionMethod.Stored)]
    [TestCase("https://afflib.org/2009/aff4#nullCompressor", CompressionMethod.Stored)]
    [TestCase("http://aff4.org/Schema#compression/stored", CompressionMethod.Stored)]
    [TestCase("http://aff4.org/Schema#compression/stored/", CompressionMethod.Stored)]
    public void KnownIriMapsToItsMethod(string iri, CompressionMethod expected)
    {
        bool known = CompressionMethodIris.TryParse(iri, out var method);

        Assert.That(known, Is.True);
        Assert.That(method, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("/")]
    [TestCase("https://")]
    [TestCase("http://code.google.com/p/snappy//")]
    [TestCase("http://code.google.com/p/lzma/")]
    [TestCase("HTTP://code.google.com/p/snappy/")]
    [TestCase("http://aff4.org/Schema#nullcompressor")]
    [TestCase("ftp://code.google.com/p/snappy/")]
    [TestCase("code.google.com/p/snappy/")]
    public void UnknownIriIsNotRecognised(string? iri)
    {
        Assert.That(CompressionMethodIris.TryParse(iri, out _), Is.False);
    }
}
