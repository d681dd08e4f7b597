using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files;

public class CompositeFileProviderTests
{
    [Test]
    public void TheFirstProviderThatHasTheFileServesIt()
    {
        var first = new OneFile("AFF4", @"\WINDOWS\A.DLL");
        var second = new OneFile("--files /mnt/c", @"\WINDOWS\B.DLL");
        var third = new OneFile("--disk c.img", @"\WINDOWS\A.DLL");
        var composite = new CompositeFileProvider([first, second, third]);

        Assert.That(composite.Open(@"C:\Windows\a.dll")?.Name, Is.EqualTo("AFF4"));
        Assert.That(composite.Open(@"\Windows\b.dll")?.Name, Is.EqualTo("--files /mnt/c"));
        Assert.That(composite.Open(@"\Windows\c.dll"), Is.Null);
        Assert.That(composite.Description, Is.EqualTo("AFF4; --files /mnt/c; --disk c.img"));
        Assert.That(composite.Providers, Is.EqualTo(new[] { first, second, third }));
    }

    [Test]
    public void NoProvidersMeansNoFiles()
    {
        Assert.That(new CompositeFileProvider([]).Description, Is.EqualTo(NoMappedFiles.Instance.Description));
        Assert.That(NoMappedFiles.Instance.Open(@"\Windows\System32\ntdll.dll"), Is.Null);
    }

    private sealed class OneFile(string description, string key) : IMappedFileProvider
    {
        public string Description => description;

        public IByteSource? Open(string windowsPath) => WindowsPathKey.From(windowsPath) == key ? new TestArraySource([1], description) : null;
    }
}
