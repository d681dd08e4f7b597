using MemFs.Aff4.Metadata;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Metadata;

public class VersionTxtTests
{
    [TestCase("major=1\nminor=0\ntool=Evimetry 2.2.0\n", 1, 0, "Evimetry 2.2.0")]
    [TestCase("major=1\nminor=0\ntool=libaff4 1.0\n", 1, 0, "libaff4 1.0")]
    [TestCase("major=1\r\nminor=0\r\ntool=libaff4 2.0 pre-release\r\n", 1, 0, "libaff4 2.0 pre-release")]
    [TestCase("major=1\rminor=1\rtool=pyaff4\r", 1, 1, "pyaff4")]
    [TestCase("major=1\nminor=1\ntool=pyaff4", 1, 1, "pyaff4")]
    [TestCase("tool=x=y\nminor=0\nmajor=1", 1, 0, "x=y")]
    [TestCase("\uFEFFmajor = 1\n\n  minor=0  \n", 1, 0, null)]
    public void ProducerVariants(string text, int major, int minor, string? tool)
    {
        var version = VersionTxt.Parse(text);

        Assert.That((version.Major, version.Minor, version.Tool), Is.EqualTo((major, minor, tool)));
    }

    [Test]
    public void KeepsEveryValue()
    {
        var version = VersionTxt.Parse("major=1\nminor=0\ntool=pyaff4\nextra=yes\n");

        Assert.That(version.Values["extra"], Is.EqualTo("yes"));
        Assert.That(version.Values, Has.Count.EqualTo(4));
    }

    [Test]
    public void RealVersionTxtOfTheSyntheticCAff4Volume()
    {
        var text = Rdf.SampleVolume.ReadMember("synthetic/synthetic-winpmem33-caff4.aff4", "version.txt");

        Assert.That(VersionTxt.Parse(text).Tool, Is.EqualTo("libaff4 2.0 pre-release"));
    }

    [TestCase("minor=0\ntool=x\n", "major")]
    [TestCase("major=one\nminor=0\n", "major")]
    [TestCase("major=1\nminor=-1\n", "minor")]
    [TestCase("major=1\nminor=0\ngarbage\n", "line 3")]
    [TestCase("", "major")]
    public void BadInputIsAFormatException(string text, string mentions)
    {
        Assert.That(() => VersionTxt.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contain(mentions));
    }
}
