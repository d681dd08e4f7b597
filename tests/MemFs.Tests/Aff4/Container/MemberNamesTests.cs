using MemFs.Aff4.Container;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>Member name ⇄ URN cases of the AFF4 writers (Evimetry, c-aff4, pyaff4).</summary>
public class MemberNamesTests
{
    private const string Vol = "aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044";

    [TestCase("aff4%3A%2F%2Fc215ba20-5648-4209-a793-1f918c723610/00000000", "aff4://c215ba20-5648-4209-a793-1f918c723610/00000000",
        TestName = "Evimetry foreign stream: escaped scheme and authority")]
    [TestCase("C%3A/Windows/SysNative/drivers/acpi.sys", Vol + "/C:/Windows/SysNative/drivers/acpi.sys", TestName = "c-aff4 upper-case escape")]
    [TestCase("c%3a/pagefile.sys/00000000/index", Vol + "/c:/pagefile.sys/00000000/index", TestName = "c-aff4 before 2017 lower-case escape")]
    [TestCase("C%253A%255CWindows", Vol + "/C%3A%5CWindows", TestName = "old pyaff4 double escape decodes once")]
    [TestCase("/cases/notes.txt", Vol + "//cases/notes.txt", TestName = "pyaff4 logical keeps the leading slash")]
    [TestCase("%ffffffc3%ffffffa9t%FFFFFFC3%FFFFFFA9", Vol + "/été", TestName = "WinPmem 2.x signed-char escape")]
    [TestCase("PhysicalMemory/data/00000000.index", Vol + "/PhysicalMemory/data/00000000.index", TestName = "plain name")]
    [TestCase("100%/a%2/b%zz%", Vol + "/100%/a%2/b%zz%", TestName = "percent without two hex digits stays literal")]
    [TestCase("caf%c3%a9/%e9", Vol + "/café/é", TestName = "UTF-8 escapes, stray Latin-1 byte")]
    [TestCase("%ff41", Vol + "/\u00ff41", TestName = "ff escape not followed by ffff")]
    [TestCase("%ffffff41", Vol + "/\u00ffffff41", TestName = "signed-char form only for bytes from 0x80")]
    [TestCase("my notes.txt", Vol + "/my notes.txt", TestName = "space stays a space")]
    public void ToUrn(string memberName, string urn)
    {
        Assert.That(MemberNames.ToUrn(memberName, Vol), Is.EqualTo(urn));
    }

    [TestCase("C%253A%255CWindows", "C%3A%5CWindows")]
    [TestCase("%2541", "%41")]
    [TestCase("%", "%")]
    [TestCase("%4", "%4")]
    [TestCase("", "")]
    [TestCase("%e2%82%ac %E2%82%AC", "€ €")]
    public void DecodeOnce(string memberName, string decoded)
    {
        Assert.That(MemberNames.DecodeOnce(memberName), Is.EqualTo(decoded));
    }

    [TestCase(Vol + "//cases/notes.txt", Vol + "/cases/notes.txt")]
    [TestCase(Vol + "/C%253A%255CWindows", Vol + "/C:\\Windows")]
    [TestCase(Vol + "/c%3a/pagefile.sys", Vol + "/c:/pagefile.sys")]
    [TestCase("aff4%3A%2F%2Fc215//x", "aff4://c215/x")]
    [TestCase("aff4:sha512:abc//def", "aff4:sha512:abc//def")]
    public void NormalisedKey(string urn, string key)
    {
        Assert.That(MemberNames.NormalisedKey(urn), Is.EqualTo(key));
    }
}
