using System.Buffers.Binary;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

[TestFixture(false, Description = "Windows 7 layout")]
[TestFixture(true, Description = "Windows 10 1809+ layout, swizzled")]
public class TranslatorStateTests(bool windows10)
{
    private SwapperScenario _scenario = null!;

    [OneTimeSetUp]
    public void Build() => _scenario = new SwapperScenario(windows10);

    [Test]
    public void EveryPageTranslatesToItsStateAndContent()
    {
        var image = _scenario.Image;
        var memory = new VirtualMemory(image.Translator(), image.Dtb, image.VadSource);
        foreach (var page in _scenario.Pages)
        {
            var result = memory.Translate(page.Va + 0x10, NoTrace.Instance);
            Assert.That(result.State, Is.EqualTo(page.Expected), page.State);
            Assert.That(result.Readable, Is.True, $"{page.State}: {result.Reason}");
            Assert.That(result.Location!.Value.Offset & 0xFFF, Is.EqualTo(0x10), "the byte offset within the page is kept");
            Assert.That(ReadValue(memory, page.Va), Is.EqualTo(page.Value), page.State);
            Assert.That(result.ViaPrototype, Is.EqualTo(page.State.EndsWith("(P)")), page.State);
        }
    }

    [Test]
    public void MappedFilePagesComeFromTheFileAtTheSubsectionOffset()
    {
        var image = _scenario.Image;
        var translator = image.Translator();
        var imagePage = _scenario.Pages.First(p => p.State.Contains("image"));
        var r = translator.Translate(image.Dtb, imagePage.Va, image.VadSource, NoTrace.Instance);
        Assert.That(r.Location, Is.EqualTo(ExtendedLocation.File(SwapperScenario.ImageFile, 0x10 * 512)), "image sections count 512-byte sectors");
        var dataPages = _scenario.Pages.Where(p => p.State.Contains("data")).ToArray();
        var last = translator.Translate(image.Dtb, dataPages[^1].Va, image.VadSource, NoTrace.Instance);
        Assert.That(last.Location, Is.EqualTo(ExtendedLocation.File(SwapperScenario.DataFile, (3 + dataPages.Length - 1) * 4096L)), "data files count pages");
    }

    [Test]
    public void TheTraceNamesEveryStep()
    {
        var image = _scenario.Image;
        var translator = image.Translator();
        string Trace(ulong va)
        {
            var recorder = new TraceRecorder();
            var result = translator.Translate(image.Dtb, va, image.VadSource, recorder);
            return TraceRenderer.Render(va, recorder.Steps, result, translator.Settings);
        }

        var marker = Trace(_scenario.Pages.First(p => p.State.StartsWith("VAD marker")).Va);
        TestContext.Out.WriteLine(marker);
        Assert.That(marker, Does.Contain("pml4e@ physical").And.Contain("pdpte@").And.Contain("pde@").And.Contain("pte@"));
        Assert.That(marker, Does.Contain("consult the VAD").And.Contain("consulting the VAD").And.Contain("VAD 0x"));
        Assert.That(marker, Does.Contain("prototype PTE @ kernel 0x").And.Contain("_MMPTE_SUBSECTION").And.Contain("_SUBSECTION 0x"));
        Assert.That(marker, Does.Contain($"subsection PTE to file {SwapperScenario.DataFile} @ 0x3000"));
        Assert.That(marker, Does.Contain("File Mapping " + SwapperScenario.DataFile));

        var pagefile = Trace(_scenario.Pages.First(p => p.State == "pagefile").Va);
        Assert.That(pagefile, Does.Contain("_MMPTE_SOFTWARE").And.Contain($"PageFileLow({image.Layout.PageFileLowShift}-{image.Layout.PageFileLowShift + 3})=0").And.Contain("Pagefile pagefile 0 @ 0x"));
        if (windows10) Assert.That(pagefile, Does.Contain("InvalidPteMask removed"));

        var pagedTable = Trace(SwapperScenario.PagedTableRegion);
        Assert.That(pagedTable, Does.Contain("the PTE table is paged out: pagefile 0 @ 0x").And.Contain("pte@ pagefile 0 @ 0x"));

        var pagedDirectory = Trace(SwapperScenario.PagedDirectoryRegion);
        Assert.That(pagedDirectory, Does.Contain("the PDE table is paged out: pagefile 0 @ 0x").And.Contain("pde@ pagefile 0 @ 0x"));

        var transitionTable = Trace(SwapperScenario.TransitionTableRegion);
        Assert.That(transitionTable, Does.Contain("the PTE table is in transition"));
    }

    [Test]
    public void DemandZeroReservedDecommittedAndCompressedPagesSayWhat()
    {
        var image = _scenario.Image;
        var memory = new VirtualMemory(image.Translator(), image.Dtb, image.VadSource);
        var dz = memory.Translate(_scenario.DemandZeroVa, NoTrace.Instance);
        Assert.That((dz.State, dz.Readable), Is.EqualTo((PageState.DemandZero, true)));
        var zeros = new byte[4096];
        memory.Read(_scenario.DemandZeroVa, zeros);
        Assert.That(zeros, Is.All.EqualTo(0));

        var reserved = memory.Translate(_scenario.ReservedVa, NoTrace.Instance);
        Assert.That((reserved.State, reserved.Readable, reserved.Reason), Is.EqualTo((PageState.Reserved, false, "private memory reserved but not committed")));
        var error = Assert.Throws<UnresolvableMemoryException>(() => memory.Read(_scenario.ReservedVa + 8, new byte[8]))!;
        Assert.That(error.Message, Does.Contain($"0x{_scenario.ReservedVa + 8:X}").And.Contain("reserved but not committed"));
        var asHole = new byte[8];
        asHole.AsSpan().Fill(0xAA);
        new VirtualMemory(memory.Translator, memory.Dtb, memory.Vads, HolePolicy.Strict).Read(_scenario.ReservedVa + 8, asHole);
        Assert.That(asHole, Is.All.EqualTo(0), "a sparse view reads reserved address space as a hole");

        Assert.That(memory.Translate(_scenario.DecommittedVa, NoTrace.Instance).Reason, Does.Contain("MM_DECOMMIT"));
        Assert.That(memory.Translate(0x0000_7000_0000_0000, NoTrace.Instance).Reason, Does.Contain("no VAD covers this address"));
        if (windows10)
            Assert.That(memory.Translate(_scenario.CompressedVa, NoTrace.Instance).Reason, Does.Contain("compressed virtual store (page key 0x20001A5B)"));

        var filled = new VirtualMemory(image.Translator(), image.Dtb, image.VadSource, HolePolicy.Holes);
        var buffer = new byte[4096];
        filled.Read(_scenario.ReservedVa, buffer);
        Assert.That(buffer, Is.All.EqualTo(0), "zero-fill is an explicit choice");
    }

    /// <summary>
    /// All recoverable pages are recovered; without the pagefile, the pages that need it (pagefile PTEs,
    /// prototype PTEs in the pagefile, pages under paged-out tables) are not; without files, mapped pages are not.
    /// </summary>
    [TestCase(true, true)]
    [TestCase(false, true)]
    [TestCase(true, false)]
    [TestCase(false, false)]
    public void SwapperCounts(bool withPagefile, bool withFiles)
    {
        var image = _scenario.Image;
        var memory = new VirtualMemory(image.Translator(withPagefile, withFiles), image.Dtb, image.VadSource);
        var recovered = _scenario.Pages.Count(p =>
        {
            try
            {
                return ReadValue(memory, p.Va) == p.Value;
            }
            catch (IOException)
            {
                return false;
            }
        });
        var expected = _scenario.Pages.Count(p => p.Needs == SwapperScenario.Needs.Ram
            || (p.Needs == SwapperScenario.Needs.Pagefile && withPagefile) || (p.Needs == SwapperScenario.Needs.File && withFiles));
        Assert.That(recovered, Is.EqualTo(expected));
        Assert.That(_scenario.Pages.Select(p => p.Needs).Distinct().Count(), Is.EqualTo(3));
        if (withPagefile && withFiles) Assert.That(recovered, Is.EqualTo(_scenario.Pages.Count));
        if (!withPagefile && !withFiles) Assert.That(recovered, Is.EqualTo(_scenario.Pages.Count(p => p.Needs == SwapperScenario.Needs.Ram)), "only the resident pages");
    }

    [Test]
    public void MissingSourcesAreNamedInTheResolution()
    {
        var image = _scenario.Image;
        var translator = image.Translator(withPagefile: false, withFiles: false);
        var pagefilePage = _scenario.Pages.First(p => p.State == "pagefile");
        var r = translator.Translate(image.Dtb, pagefilePage.Va, image.VadSource, NoTrace.Instance);
        Assert.That((r.State, r.Available, r.Location?.Kind), Is.EqualTo((PageState.Pagefile, false, BackingKind.Pagefile)));
        Assert.That(r.Reason, Does.StartWith("pagefile 0 was not supplied"));
        var filePage = _scenario.Pages.First(p => p.State.Contains("image"));
        var f = translator.Translate(image.Dtb, filePage.Va, image.VadSource, NoTrace.Instance);
        Assert.That((f.State, f.Available, f.Location?.FilePath), Is.EqualTo((PageState.FileMapping, false, SwapperScenario.ImageFile)));
        Assert.That(f.Reason, Does.Contain("is not available from any file source"));
    }

    [Test]
    public void RangeReadsEqualPageByPageReads()
    {
        var image = _scenario.Image;
        var memory = new VirtualMemory(image.Translator(), image.Dtb, image.VadSource);
        var count = _scenario.Pages.Count(p => p.Va < SwapperScenario.Region + 0x100000);
        var whole = new byte[count * 4096];
        memory.Read(SwapperScenario.Region, whole);
        for (var i = 0; i < count; i++)
            Assert.That(BinaryPrimitives.ReadInt64LittleEndian(whole.AsSpan(i * 4096)), Is.EqualTo(_scenario.Pages[i].Value), _scenario.Pages[i].State);
        foreach (var start in new[] { 0xF00, 0x8, 0x1FF8, 0x3001 })
        {
            var partial = new byte[10000];
            memory.Read(SwapperScenario.Region + (ulong)start, partial);
            Assert.That(partial, Is.EqualTo(whole.AsSpan(start, partial.Length).ToArray()), $"a read starting at +0x{start:X} equals the same bytes of the whole read");
        }
    }

    private static long ReadValue(VirtualMemory memory, ulong va)
    {
        var buffer = new byte[8];
        memory.Read(va, buffer);
        return BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }
}
