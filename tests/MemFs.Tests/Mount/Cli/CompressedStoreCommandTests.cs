using MemFs.Tests.Translate.Windows.MemoryCompression;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.TestMemCompression;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Compressed pages of a full synthetic image through the CLI as a user runs it (no --symbols: SmGlobals is found by
/// the CACHEALI scan): 19041 (XPRESS, 2004-21H2 layout) and 26100 (LZ4, 24H2 layout, masked key). vmem and the
/// region file byte for byte, vtop's chain, vadmap.txt and coverage.txt.
/// </summary>
[TestFixture(19041u)]
[TestFixture(26100u)]
public class CompressedStoreCommandTests(uint build)
{
    private CompressedWindowsRaw _image = null!;

    [OneTimeSetUp]
    public void Build() => _image = new CompressedWindowsRaw(build);

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    private MemFsProcess.Result Run(params string[] args) => MemFsProcess.Run([.. args, "--pagefile", _image.PagefileOption]);

    private string Owner => TestMemCompression.OwnerPid.ToString();

    [Test]
    public void VmemCatReadsEveryCompressedPageByteForByte()
    {
        var contents = _image.Compression.Contents;
        var result = Run("cat", _image.Raw, _image.OwnerDirectory + "/vmem", "--offset", $"0x{UserPages:X}", "--length", $"{contents.Length * 4}K");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo(_image.Compression.AllContents));
    }

    [Test]
    public void VmemCatOfOnePageInsideTheRange()
    {
        var result = Run("vmem", "cat", _image.Raw, "--pid", Owner, "--offset", $"0x{PageVa(5) + 0x800:X}", "--length", "4K");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo(_image.Compression.Contents[5][0x800..].Concat(_image.Compression.Contents[6][..0x800]).ToArray()));
    }

    [Test]
    public void TheRegionFileReadsByteForByte()
    {
        var result = Run("cat", _image.Raw, $"{_image.OwnerDirectory}/regions/{_image.RegionName}");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo(_image.Compression.AllContents));
    }

    [TestCase("Transition")]
    [TestCase("Pagefile")]
    [TestCase("Valid")]
    public void VtopShowsTheChainDownToTheRegionPagesOwnTranslation(string regionPage)
    {
        var held = Enum.Parse<RegionPageState>(regionPage);
        var page = Enumerable.Range(0, _image.Compression.Contents.Length)
            .First(p => p != TestCompressedStore.ZeroPage && _image.Compression.StoredAt(p).State == held);
        var (storedAt, _) = _image.Compression.StoredAt(page);
        var result = Run("vtop", _image.Raw, "--pid", Owner, $"0x{PageVa(page):X}");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var text = result.Text;
        TestContext.Out.WriteLine(text);
        var key = TestCompressedStore.KeyOf(FirstHigh + (uint)page);
        Assert.That(text, Does.Contain($"page key 0x{key:X8}"));
        Assert.That(text, Does.Contain("found without symbols in ntoskrnl's CACHEALI"));
        Assert.That(text, Does.Contain("virtual store number: paging file 2 (the conventional number: the profile has no MmPagingFile)"));
        Assert.That(text, Does.Contain("KeyToStoreTree inner").And.Contain("KeyToStoreTree leaf").And.Contain("PagesTree inner").And.Contain("PagesTree leaf"));
        Assert.That(text, Does.Contain("store index 33").And.Contain($"{TestMemCompression.MemCompressionPid} MemCompression"));
        Assert.That(text, Does.Contain($"in MemCompression, offset").And.Contain($"bytes at 0x{storedAt:X}"));
        Assert.That(text, Does.Contain(held switch
        {
            RegionPageState.Transition => "|   Transition:",
            RegionPageState.Pagefile => "|   Pagefile: pagefile 0 @",
            _ => "|   Valid:",
        }));
        Assert.That(text, Does.Contain(page == TestCompressedStore.RawPage ? "CompressedSize 0x1000: stored raw"
            : build >= 26100 ? "Lz4 (LZ4: build 26100 stores every page as an LZ4 block)" : "Xpress (SMKM_STORE.CompressionAlgorithm at"));
        Assert.That(text, Does.Contain($"Compressed compressed store page key 0x{key:X8} + 0x0"));
    }

    [Test]
    public void VtopOfTheZeroRecordSaysSo()
    {
        var result = Run("vtop", _image.Raw, "--pid", Owner, $"0x{PageVa(TestCompressedStore.ZeroPage):X}");
        Assert.That(result.Text, Does.Contain("CompressedSize 0: a zero page"), result.Text + result.Stderr);
    }

    [Test]
    public void VadmapShowsTheCompressedPages()
    {
        var result = Run("cat", _image.Raw, _image.OwnerDirectory + "/vadmap.txt");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var end = PageVa(_image.Compression.Contents.Length) - 1;
        Assert.That(result.Text, Does.Contain($"0x{UserPages:X16} 0x{end:X16}        {_image.Compression.Contents.Length}  Compressed store page key 0x{TestCompressedStore.KeyOf(FirstHigh):X8}"), result.Text);
    }

    [Test]
    public void CoverageCountsTheCompressedPages()
    {
        var result = Run("cat", _image.Raw, _image.OwnerDirectory + "/coverage.txt");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var pages = _image.Compression.Contents.Length;
        Assert.That(result.Text, Does.Match($@"(?m)^readable\s+{pages} pages").And.Match(@"(?m)^holes\s+0 pages"), result.Text);
        Assert.That(result.Text, Does.Match($@"(?m)^\s+Compressed\s+{pages}$"), result.Text);
        var whole = Run("cat", _image.Raw, "/coverage.txt");
        Assert.That(whole.Text, Does.Match($@"\s{pages}\s+0\s+0  {TestMemCompression.OwnerPid}-{TestMemCompression.OwnerName}"), whole.Text);
    }
}
