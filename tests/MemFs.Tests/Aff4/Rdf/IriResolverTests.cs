using MemFs.Aff4.Rdf;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

public class IriResolverTests
{
    private const string Volume = "aff4://5eb1c2d4-0000-4000-8000-000000002101";

    // RFC 3986 §5.4.1 and §5.4.2 examples.
    [TestCase("g:h", "g:h")]
    [TestCase("g", "http://a/b/c/g")]
    [TestCase("./g", "http://a/b/c/g")]
    [TestCase("g/", "http://a/b/c/g/")]
    [TestCase("/g", "http://a/g")]
    [TestCase("//g", "http://g")]
    [TestCase("?y", "http://a/b/c/d;p?y")]
    [TestCase("g?y", "http://a/b/c/g?y")]
    [TestCase("#s", "http://a/b/c/d;p?q#s")]
    [TestCase("g#s", "http://a/b/c/g#s")]
    [TestCase(";x", "http://a/b/c/;x")]
    [TestCase("", "http://a/b/c/d;p?q")]
    [TestCase(".", "http://a/b/c/")]
    [TestCase("..", "http://a/b/")]
    [TestCase("../g", "http://a/b/g")]
    [TestCase("../..", "http://a/")]
    [TestCase("../../g", "http://a/g")]
    [TestCase("../../../g", "http://a/g")]
    [TestCase("/./g", "http://a/g")]
    [TestCase("/../g", "http://a/g")]
    [TestCase("g.", "http://a/b/c/g.")]
    [TestCase("..g", "http://a/b/c/..g")]
    [TestCase("./../g", "http://a/b/g")]
    [TestCase("g/./h", "http://a/b/c/g/h")]
    [TestCase("g/../h", "http://a/b/c/h")]
    [TestCase("g;x=1/../y", "http://a/b/c/y")]
    [TestCase("g#s/../x", "http://a/b/c/g#s/../x")]
    public void Rfc3986Examples(string reference, string expected)
    {
        Assert.That(IriResolver.Resolve("http://a/b/c/d;p?q", reference), Is.EqualTo(expected));
    }

    [TestCase("/PhysicalMemory", Volume + "/PhysicalMemory")]
    [TestCase("PhysicalMemory/data", Volume + "/PhysicalMemory/data")]
    [TestCase("", Volume)]
    [TestCase("/C:/pagefile.sys", Volume + "/C:/pagefile.sys")]
    [TestCase("/c%3a/Windows/SysNative/drivers/ACPI.sys", Volume + "/c%3a/Windows/SysNative/drivers/ACPI.sys")]
    [TestCase("#frag", Volume + "#frag")]
    [TestCase("aff4://OTHER-Case/X%2f", "aff4://OTHER-Case/X%2f")]
    public void Aff4VolumeBase(string reference, string expected)
    {
        Assert.That(IriResolver.Resolve(Volume, reference), Is.EqualTo(expected));
    }

    [Test]
    public void CaseAndEscapesOfTheBaseArePreserved()
    {
        Assert.That(IriResolver.Resolve("aff4://ABC-Def/Dir%3A/file", "Other%2F"), Is.EqualTo("aff4://ABC-Def/Dir%3A/Other%2F"));
    }

    [TestCase("aff4://x", true)]
    [TestCase("http://aff4.org/Schema#", true)]
    [TestCase("/PhysicalMemory", false)]
    [TestCase("", false)]
    [TestCase("a/b:c", false)]
    public void IsAbsolute(string iri, bool expected)
    {
        Assert.That(IriResolver.IsAbsolute(iri), Is.EqualTo(expected));
    }
}
