using System.Security.Cryptography;
using MemFs.Tests.Aff4.Reference;
using MemFs.Tests.Translate.Files;
using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Raw;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Extended;

public class TranslationSourcesTests
{
    private const long GiB = ExtendedPhysicalSpace.Alignment;

    [TestCaseSource(typeof(ExpectedValues), nameof(ExpectedValues.SyntheticMemoryImages))]
    public void WinPmemPagefileIsPlacedAndServed(string file)
    {
        var expected = ExpectedValues.For(file).GetProperty("pagefiles")[0];
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        using var space = TranslationSources.Build(image, [], null, out var notes);

        var size = expected.GetProperty("size").GetInt64();
        var pagefile = space.Regions.Single(r => r.Kind == BackingKind.Pagefile);
        Assert.That((pagefile.PagefileNumber, pagefile.Base, pagefile.Length, pagefile.Source), Is.EqualTo((0, 1 * GiB, size, expected.GetProperty("urn").GetString())));
        Assert.That(Sha256(space, ExtendedLocation.Pagefile(0, 0), size), Is.EqualTo(expected.GetProperty("sha256").GetString()));
        Assert.That(space.IsAvailable(ExtendedLocation.Pagefile(0, size), out var reason), Is.False);
        Assert.That(reason, Is.EqualTo($"offset 0x{size:X} lies past the end of pagefile 0 (0x{size:X} bytes)"));
        Assert.That(notes, Has.Some.StartsWith("placed 0x40000000-").And.Some.StartsWith("mapped files from: AFF4 acquired files"));
    }

    [TestCaseSource(nameof(AcquiredFiles))]
    public void WinPmemAcquiredFilesAreServedUnderTheKernelsNames(string file, string acquiredAs, string[] kernelNames)
    {
        var expected = ExpectedValues.For(file).GetProperty("files").GetProperty(acquiredAs);
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        using var space = TranslationSources.Build(image, [], null, out _);
        var size = expected.GetProperty("size").GetInt64();
        var combined = new HashSet<long?>();
        foreach (var name in kernelNames.Prepend(acquiredAs))
        {
            Assert.That(Sha256(space, ExtendedLocation.File(name, 0), size), Is.EqualTo(expected.GetProperty("sha256").GetString()), name);
            combined.Add(space.CombinedOffset(ExtendedLocation.File(name, 0)));
        }
        Assert.That(combined, Has.Count.EqualTo(1), "one placement whatever the spelling");
        Assert.That(combined.Single(), Is.EqualTo(2 * GiB), "after physical memory and pagefile 0");
        Assert.That(space.Regions.Single(r => r.Kind == BackingKind.File).Source, Is.EqualTo(expected.GetProperty("urn").GetString()));
    }

    public static IEnumerable<TestCaseData> AcquiredFiles()
    {
        string[] acpi = [@"\Windows\System32\drivers\acpi.sys", @"\Device\HarddiskVolume2\WINDOWS\system32\DRIVERS\ACPI.SYS", @"\SystemRoot\System32\drivers\acpi.sys"];
        string[] kernel = [@"\Windows\System32\ntoskrnl.exe", @"C:\WINDOWS\system32\ntoskrnl.exe", @"\??\C:\Windows\SysNative\ntoskrnl.exe"];
        foreach (var file in ExpectedValues.SyntheticMemoryImages)
        {
            yield return new TestCaseData(file, @"C:\Windows\SysNative\drivers\acpi.sys", acpi).SetArgDisplayNames(file, "acpi.sys");
            if (file.Contains("winpmem33")) yield return new TestCaseData(file, @"C:\Windows\SysNative\ntoskrnl.exe", kernel).SetArgDisplayNames(file, "ntoskrnl.exe");
        }
    }

    [Test]
    public void CommandLinePagefilesJoinTheImagesAndWinOnANumberClash()
    {
        using var temp = new TempDirectory();
        var swapBytes = PatternSource.Bytes(1, 0, 0x2000);
        var pageBytes = PatternSource.Bytes(2, 0, 0x5000);
        var arguments = PagefileArgument.Parse([$"1={temp.Write("swapfile.sys", swapBytes)}"]);
        const string file = "synthetic/synthetic-winpmem33-caff4.aff4";
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));

        using (var space = TranslationSources.Build(image, arguments, null, out _))
        {
            Assert.That(space.Regions.Where(r => r.Kind == BackingKind.Pagefile).Select(r => (r.PagefileNumber, r.Base)), Is.EqualTo(new[] { (0, GiB), (1, 2 * GiB) }));
            Assert.That(ReadAll(space, ExtendedLocation.Pagefile(1, 0), swapBytes.Length), Is.EqualTo(swapBytes));
        }

        var replacing = PagefileArgument.Parse([$"0={temp.Write("other-pagefile.sys", pageBytes)}"]);
        using (var space = TranslationSources.Build(image, replacing, null, out var notes))
        {
            var pagefile = space.Regions.Single(r => r.Kind == BackingKind.Pagefile);
            Assert.That((pagefile.PagefileNumber, pagefile.Length, pagefile.Source), Is.EqualTo((0, (long)pageBytes.Length, replacing[0].Name)));
            Assert.That(ReadAll(space, ExtendedLocation.Pagefile(0, 0), pageBytes.Length), Is.EqualTo(pageBytes));
            Assert.That(notes, Has.Some.Contains("pagefile 0: --pagefile " + replacing[0].Name + " replaces the image's aff4://"));
        }
    }

    [Test]
    public void AcquiredFilesComeBeforeExtraFileSources()
    {
        using var temp = new TempDirectory();
        temp.Write("Windows/System32/drivers/acpi.sys", [1, 2, 3]);
        var notepad = temp.Write("Windows/notepad.exe", [4, 5, 6, 7]);
        const string file = "synthetic/synthetic-winpmem33-caff4.aff4";
        using var image = PhysicalImageOpener.Open(ExpectedValues.PathOf(file));
        using var space = TranslationSources.Build(image, [], new DirectoryTreeFiles(temp.Path), out var notes);

        Assert.That(space.FileSources, Does.StartWith("AFF4 acquired files").And.EndsWith("; --files " + temp.Path));
        Assert.That(ReadAll(space, ExtendedLocation.File(@"\Windows\notepad.exe", 0), 4), Is.EqualTo(new byte[] { 4, 5, 6, 7 }));
        var acpi = ExpectedValues.For(file).GetProperty("files").GetProperty(@"C:\Windows\SysNative\drivers\acpi.sys");
        Assert.That(Sha256(space, ExtendedLocation.File(@"\Windows\System32\drivers\acpi.sys", 0), acpi.GetProperty("size").GetInt64()), Is.EqualTo(acpi.GetProperty("sha256").GetString()));
        Assert.That(space.Regions.Where(r => r.Kind == BackingKind.File).Select(r => r.Source), Is.EqualTo(new[] { notepad, acpi.GetProperty("urn").GetString() }));
    }

    [Test]
    public void AnImageWithoutPagefilesOrFilesSaysSo()
    {
        using var image = RawImage.Open(new TestArraySource(TestPhysicalPages.Bytes(0, 0x4000)));
        using var space = TranslationSources.Build(image, [], null, out var notes);
        Assert.That(space.Regions.Select(r => (r.Kind, r.Base, r.Length)), Is.EqualTo(new[] { (BackingKind.Physical, 0L, 0x4000L) }));
        Assert.That(notes, Has.Some.Contains("no pagefile").And.Some.Contains(NoMappedFiles.Instance.Description));
        Assert.That(space.IsAvailable(ExtendedLocation.File(@"\Windows\System32\x.dll", 0), out var reason), Is.False);
        Assert.That(reason, Does.StartWith(@"\Windows\System32\x.dll is not available from any file source (AFF4 volume, --files, --disk"));
    }

    private static byte[] ReadAll(IExtendedSpace space, ExtendedLocation location, long length)
    {
        var bytes = new byte[length];
        space.Read(location, bytes);
        return bytes;
    }

    private static string Sha256(IExtendedSpace space, ExtendedLocation location, long length) =>
        Convert.ToHexStringLower(SHA256.HashData(ReadAll(space, location, length)));
}
