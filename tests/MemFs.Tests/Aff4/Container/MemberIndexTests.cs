using MemFs.Aff4.Container;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>The lookup order: once-decoded name, unescaped name (pyaff4 1.1), normalised key (fuzzy).</summary>
public class MemberIndexTests
{
    private const string Vol = "aff4://5eb1c2d4-0000-4000-8000-000000003303";

    private static ZipVolume OpenVolume(TempZipFile file) => ZipVolume.Open(file.Path);

    private static TempZipFile Volume()
    {
        var writer = new TestZipWriter(new TestZipOptions { Comment = Vol });
        writer.AddStored("C%3A/Windows/SysNative/drivers/acpi.sys", "acpi"u8.ToArray());
        writer.AddStored("/cases/my notes.txt", "notes"u8.ToArray());
        writer.AddStored("aff4%3A%2F%2Fc215ba20-5648-4209-a793-1f918c723610/00000000", "bevy"u8.ToArray());
        writer.AddStored("C%253A%255CWindows%255Cwin.ini", "ini"u8.ToArray());
        writer.AddStored("c%3a/pagefile.sys", "lower"u8.ToArray());
        writer.AddStored("c:/pagefile.sys", "raw"u8.ToArray());
        return TempZipFile.Create(writer.ToArray());
    }

    [TestCase(Vol + "/C:/Windows/SysNative/drivers/acpi.sys", "C%3A/Windows/SysNative/drivers/acpi.sys", false)]
    [TestCase(Vol + "//cases/my notes.txt", "/cases/my notes.txt", false)]
    [TestCase(Vol + "//cases/my%20notes.txt", "/cases/my notes.txt", false)]
    [TestCase("aff4://c215ba20-5648-4209-a793-1f918c723610/00000000", "aff4%3A%2F%2Fc215ba20-5648-4209-a793-1f918c723610/00000000", false)]
    [TestCase(Vol + "/C%3A%5CWindows%5Cwin.ini", "C%253A%255CWindows%255Cwin.ini", false)]
    [TestCase(Vol + "/C:\\Windows\\win.ini", "C%253A%255CWindows%255Cwin.ini", true)]
    [TestCase(Vol + "/C%3a/Windows/SysNative/drivers/acpi.sys", "C%3A/Windows/SysNative/drivers/acpi.sys", true)]
    [TestCase(Vol + "/cases/my notes.txt", "/cases/my notes.txt", true)]
    [TestCase(Vol + "/c:/pagefile.sys", "c%3a/pagefile.sys", false)]
    public void Find(string urn, string memberName, bool fuzzy)
    {
        using var file = Volume();
        using var zip = OpenVolume(file);
        var index = new MemberIndex(zip, Vol);
        var member = index.Find(urn, out var wasFuzzy);
        Assert.That(member?.Name, Is.EqualTo(memberName));
        Assert.That(wasFuzzy, Is.EqualTo(fuzzy));
    }

    [Test]
    public void UnknownUrnIsNotFound()
    {
        using var file = Volume();
        using var zip = OpenVolume(file);
        var index = new MemberIndex(zip, Vol);
        Assert.That(index.Find(Vol + "/PhysicalMemory", out var fuzzy), Is.Null);
        Assert.That(fuzzy, Is.False);
    }

    [Test]
    public void UrnsListEachMemberOnceInCentralDirectoryOrder()
    {
        using var file = Volume();
        using var zip = OpenVolume(file);
        var index = new MemberIndex(zip, Vol);
        Assert.That(index.Urns, Is.EqualTo(new[]
        {
            Vol + "/C:/Windows/SysNative/drivers/acpi.sys",
            Vol + "//cases/my notes.txt",
            "aff4://c215ba20-5648-4209-a793-1f918c723610/00000000",
            Vol + "/C%3A%5CWindows%5Cwin.ini",
            Vol + "/c:/pagefile.sys",
        }));
    }
}
