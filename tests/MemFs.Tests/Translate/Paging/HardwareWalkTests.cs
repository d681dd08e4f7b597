using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Paging;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>A real Windows 11 22000 walk ending in a 2 MiB page (the WinDbg walk-through in EVENSTAR's PagingDbgExt README).</summary>
public class HardwareWalkTests
{
    [Test]
    public void Windows11KernelAddressThroughATwoMegabytePage()
    {
        var memory = new SparsePhysicalMemory();
        void Write(long at, ulong value) => BitConverter.TryWriteBytes(memory.Page(at).AsSpan((int)(at & 0xFFF)), value);
        Write(0x1AEF80, 0x0F20B063);
        Write(0x0F20B088, 0x0F20C063);
        Write(0x0F20C408, 0x0A00_0001_0080_01A1);
        memory.Page(0x1_0082_8000);
        var space = new ExtendedPhysicalSpace(memory, new Dictionary<int, IByteSource>(), NoMappedFiles.Instance);
        var translator = new WindowsTranslator(space, PagingSettings.ForBuild(22000), 0x1AE000, null);

        var trace = new TraceRecorder();
        var result = translator.Translate(0x1AE000, 0xFFFFF804_50228BC0, null, trace);

        Assert.That(result.State, Is.EqualTo(PageState.Valid));
        Assert.That(result.Location, Is.EqualTo(ExtendedLocation.Physical(0x1_0082_8BC0)));
        Assert.That(result.PageSize, Is.EqualTo(2L << 20));
        var entries = trace.Steps.Where(s => s.Raw is not null && s.Kind != TraceStepKind.Dtb).Select(s => (s.Kind, s.Location, s.Raw)).ToArray();
        Assert.That(entries, Is.EqualTo(new (TraceStepKind, ExtendedLocation?, ulong?)[]
        {
            (TraceStepKind.Pml4e, ExtendedLocation.Physical(0x1AEF80), 0x0F20B063UL),
            (TraceStepKind.Pdpte, ExtendedLocation.Physical(0x0F20B088), 0x0F20C063UL),
            (TraceStepKind.Pde, ExtendedLocation.Physical(0x0F20C408), 0x0A00_0001_0080_01A1UL),
        }));
        var text = TraceRenderer.Render(0xFFFFF804_50228BC0, trace.Steps, result, translator.Settings);
        Assert.That(text, Does.Contain("pde@ physical 0xF20C408 = 0x0A000001008001A1").And.Contain("2 MiB page").And.Contain("Valid physical 0x100828BC0"));
    }

    [Test]
    public void BitSevenOfANonPresentPdeIsProtectionNotALargePage()
    {
        var image = new TestWindowsImage(windows10: false);
        const ulong va = 0x0000_0000_4020_1000;
        var table = image.FrameWith(new byte[4096]);
        // A transition PDE with protection 4 (bit 7 set) still points at a page table, not at a 2 MiB page.
        image.SetEntry(va, 1, image.Transition(table, 4));
        var data = image.FrameWith(TestWindowsImage.StampedPage(77));
        image.WritePhysical64(table + (long)((va >> 12) & 0x1FF) * 8, TestWindowsImage.Valid(data));

        var result = image.Translator().Translate(image.Dtb, va, null, NoTrace.Instance);
        Assert.That(result.Location, Is.EqualTo(ExtendedLocation.Physical(data)));
        Assert.That(result.PageSize, Is.EqualTo(4096));
    }

    [Test]
    public void NonCanonicalAddressesAreRejectedWithAReason()
    {
        var image = new TestWindowsImage(windows10: true);
        var result = image.Translator().Translate(image.Dtb, 0x0000_8000_0000_0000, null, NoTrace.Instance);
        Assert.That((result.State, result.Reason), Is.EqualTo((PageState.Unresolvable, "non-canonical address: bits 63..48 must all equal bit 47")));
    }
}
