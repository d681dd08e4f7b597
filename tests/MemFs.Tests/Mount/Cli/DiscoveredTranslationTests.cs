using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs vtop</c> and <c>memfs vmem cat</c> with nothing but a headerless raw image and a DTB or PID, on a 19041 kernel
/// of a CPU with 39 physical address bits (InvalidPteMask bit 38, not the common bit 45): the build comes from the
/// kernel, the mask from the page tables, and each says so.
/// </summary>
public class DiscoveredTranslationTests
{
    private const ulong Bit38 = 1UL << 38;
    private SyntheticWindowsRaw _image = null!;
    private string _pagefile = "";

    [OneTimeSetUp]
    public void Build()
    {
        _image = new SyntheticWindowsRaw(new TestKernelOptions { InvalidPteMask = Bit38 });
        var memory = _image.Kernel.Image;
        // The rest of the private VAD is demand zero, stored swizzled like every non-present PTE of a 1809+ kernel.
        for (var page = SyntheticWindowsRaw.PagedOutPage + 0x1000; page < SyntheticWindowsRaw.PrivateStart + 0x10000; page += 0x1000)
            memory.SetPte(page, memory.DemandZero(4));
        File.WriteAllBytes(_image.Raw, memory.Physical.ToRaw());
        _pagefile = Path.Combine(_image.Directory, "pagefile.sys");
        File.WriteAllBytes(_pagefile, memory.PagefileBytes);
    }

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    [Test]
    public void VtopWithOnlyADtbTakesBuildAndMaskFromTheKernelAndNamesTheSources()
    {
        var result = MemFsProcess.Run("vtop", _image.Raw, "--dtb", $"0x{_image.Kernel.Dtb:X}", "--pagefile", _pagefile, $"0x{SyntheticWindowsRaw.PagedOutPage:X}");
        Assert.That(result.ExitCode, Is.Zero, result.Text + result.Stderr);
        Assert.That(result.Text, Does.Contain("# build 19041 (from the kernel"));
        Assert.That(result.Text, Does.Contain("# InvalidPteMask 0x4000000000 (from the bit common to").And.Contain("bit 38"));
        Assert.That(result.Text, Does.Contain($"# DTB 0x{_image.Kernel.Dtb:X} (from --dtb)"));
        Assert.That(result.Text, Does.Contain("InvalidPteMask removed"));
        Assert.That(result.Text, Does.Match(@"Pagefile pagefile 0 @ 0x[0-9A-F]+\s*$"));
    }

    [Test]
    public void VtopWithNothingButTheImageUsesTheDiscoveredDtb()
    {
        var result = MemFsProcess.Run("vtop", _image.Raw, $"0x{TestKernelImage.Windows10Base:X}");
        Assert.That(result.ExitCode, Is.Zero, result.Text + result.Stderr);
        Assert.That(result.Text, Does.Contain($"# DTB 0x{_image.Kernel.Dtb:X} (from kernel discovery:"));
    }

    [Test]
    public void VmemCatWithAPidReadsThePagedOutPageThroughTheDiscoveredMask()
    {
        var explorer = _image.Explorer;
        var result = MemFsProcess.Run("vmem", "cat", _image.Raw, "--pid", explorer.Pid.ToString(), "--pagefile", _pagefile,
            "--offset", $"0x{SyntheticWindowsRaw.ValidPage:X}", "--length", "8K", "--verbose");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout.AsSpan(0, 4096).ToArray(), Is.EqualTo(_image.ValidPageBytes));
        Assert.That(result.Stdout.AsSpan(4096, 4096).ToArray(), Is.EqualTo(TestWindowsImage.StampedPage(0xF11E)));
        Assert.That(result.Stderr, Does.Contain("memfs: InvalidPteMask 0x4000000000 (from").And.Contain("memfs: DTB 0x").And.Contain($"(from EPROCESS 0x{explorer.Eprocess:X} of {explorer.Pid} explorer.exe)"));
    }

    [Test]
    public void TheMaskCanStillBeOverriddenAndThenTheSwizzledPageIsWrong()
    {
        var result = MemFsProcess.Run("vtop", _image.Raw, "--dtb", $"0x{_image.Kernel.Dtb:X}", "--invalid-pte-mask", "0x200000000000", "--pagefile", _pagefile,
            $"0x{SyntheticWindowsRaw.PagedOutPage:X}");
        Assert.That(result.Text, Does.Contain("# InvalidPteMask 0x200000000000 (from --invalid-pte-mask (override))"));
        Assert.That(result.Text, Does.Not.Contain("InvalidPteMask removed"));
    }
}
