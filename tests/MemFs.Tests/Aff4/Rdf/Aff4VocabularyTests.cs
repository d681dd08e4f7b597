using MemFs.Aff4.Rdf;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

public class Aff4VocabularyTests
{
    [Test]
    public void CandidatesAreInStandardScudetteAfflibOrder()
    {
        Assert.That(Aff4Vocabulary.ImageStream.Iris, Is.EqualTo(new[]
        {
            "http://aff4.org/Schema#ImageStream", "http://aff4.org/Schema#image", "http://afflib.org/2009/aff4#stream",
        }));
        Assert.That(Aff4Vocabulary.ChunksInSegment.Iris, Is.EqualTo(new[]
        {
            "http://aff4.org/Schema#chunksInSegment", "http://aff4.org/Schema#chunks_per_segment",
            "http://afflib.org/2009/aff4#chunks_in_segment", "http://afflib.org/2009/aff4#chunksInSegment",
        }));
        Assert.That(Aff4Vocabulary.CompressionMethod.Iris, Is.EqualTo(new[]
        {
            "http://aff4.org/Schema#compressionMethod", "http://aff4.org/Schema#compression", "http://afflib.org/2009/aff4#CompressionMethod",
        }));
        Assert.That(Aff4Vocabulary.ZipVolume.Iris, Does.Contain("http://afflib.org/2009/aff4#zip_volume"));
        Assert.That(Aff4Vocabulary.OriginalFileName.Iris, Is.EqualTo(new[] { "http://aff4.org/Schema#originalFileName", "http://aff4.org/Schema#original_filename" }));
        Assert.That(Aff4Vocabulary.DependentStream.Iris, Is.EqualTo(new[] { "http://aff4.org/Schema#dependentStream", "http://afflib.org/2009/aff4#contains" }));
    }

    [Test]
    public void MemoryCategoriesAndPagefileNumber()
    {
        Assert.That(Aff4Vocabulary.MemoryPhysical, Is.EqualTo("http://aff4.org/Schema#memory/physical"));
        Assert.That(Aff4Vocabulary.MemoryVirtual, Is.EqualTo("http://aff4.org/Schema#memory/virtual"));
        Assert.That(Aff4Vocabulary.MemoryPagefile, Is.EqualTo("http://aff4.org/Schema#memory/pagefile"));
        Assert.That(Aff4Vocabulary.DiskRaw, Is.EqualTo("http://aff4.org/Schema#disk/raw"));
        Assert.That(Aff4Vocabulary.DiskPartition, Is.EqualTo("http://aff4.org/Schema#disk/partition"));
        Assert.That(Aff4Vocabulary.PagefileNumber.Iri, Is.EqualTo("http://aff4.org/Schema#memory/pagefile_number"));
        Assert.That(Aff4Namespaces.RdfType, Is.EqualTo("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"));
    }

    [Test]
    public void EveryTermHasADistinctNameAndAbsoluteIris()
    {
        var terms = typeof(Aff4Vocabulary).GetFields()
            .Where(f => f.FieldType == typeof(Aff4Term))
            .Select(f => (f.Name, Term: (Aff4Term)f.GetValue(null)!))
            .ToList();

        Assert.That(terms, Has.Count.GreaterThanOrEqualTo(45));
        Assert.That(terms.Select(t => t.Term.Name), Is.EqualTo(terms.Select(t => t.Name)));
        Assert.That(terms.SelectMany(t => t.Term.Iris).All(IriResolver.IsAbsolute), Is.True);
    }

    [TestCase("http://aff4.org/Schema#MD5", "md5")]
    [TestCase("http://aff4.org/Schema#SHA1", "sha1")]
    [TestCase("http://aff4.org/Schema#SHA256", "sha256")]
    [TestCase("http://aff4.org/Schema#SHA512", "sha512")]
    [TestCase("http://aff4.org/Schema#Blake2b", "blake2b")]
    [TestCase("http://aff4.org/Schema#blake2b", "blake2b")]
    [TestCase("http://aff4.org/Schema#blockMapHashSHA512", "blockMapHashSHA512")]
    [TestCase("http://aff4.org/Schema#blockMapHashSHA256", "blockMapHashSHA256")]
    [TestCase("http://afflib.org/2009/aff4#SHA1", "sha1")]
    [TestCase("http://afflib.org/2009/aff4#blockMapHashSHA512", "blockMapHashSHA512")]
    public void HashDatatypes(string datatype, string algorithm)
    {
        Assert.That(HashAlgorithmIri.TryParse(datatype, out var name), Is.True);
        Assert.That(name, Is.EqualTo(algorithm));
    }

    [TestCase("http://aff4.org/Schema#CRC32")]
    [TestCase("http://www.w3.org/2001/XMLSchema#string")]
    [TestCase("http://example.org/MD5")]
    [TestCase("")]
    public void UnknownHashDatatypes(string datatype)
    {
        Assert.That(HashAlgorithmIri.TryParse(datatype, out _), Is.False);
    }

    [Test]
    public void TermToStringAndLiteralFormatting()
    {
        Assert.That(Aff4Vocabulary.MapGapDefaultStream.ToString(), Is.EqualTo("MapGapDefaultStream"));
        Assert.That(RdfTerm.Literal("a\"b\\c\nd", language: "en").ToString(), Is.EqualTo("\"a\\\"b\\\\c\\nd\"@en"));
        Assert.That(RdfTerm.Blank("b0").ToString(), Is.EqualTo("_:b0"));
    }
}
