using System.Buffers.Binary;
using MemFs.Tests.Translate.Physical;
using MemFs.Tests.Translate.Physical.Scatter;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical.Raw;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Windows;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// A read of many pages (physical frames from a raw image file, pagefile pages, mapped-file pages, prototype pages, a
/// demand-zero page) is translated whole and its located parts read together: the bytes are those of the same pages
/// read one by one, and a page whose bytes cannot be read fails the read as it failed page by page.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public class ScatteredVirtualReadTests(bool windows10)
{
    private SwapperScenario _scenario = null!;

    [SetUp]
    public void Build() => _scenario = new SwapperScenario(windows10);

    private ulong First => SwapperScenario.Region;

    /// <summary>The swapper region's pages of every state and the demand-zero page after them.</summary>
    private ulong End => _scenario.DemandZeroVa + 0x1000;

    private VirtualMemory Memory(RecordingSource raw, HolePolicy holes = HolePolicy.Holes)
    {
        var image = _scenario.Image;
        var physical = RawImage.Open(raw);
        var space = new ExtendedPhysicalSpace(physical.Memory, new Dictionary<int, IByteSource> { [0] = new TestArraySource(image.PagefileBytes, "pagefile.sys") },
            new InMemoryFiles(image.Files));
        var translator = new WindowsTranslator(space, image.Settings, image.Dtb, new SectionObjectReader(image.Sections));
        return new VirtualMemory(translator, image.Dtb, image.VadSource, holes);
    }

    [Test]
    public void TheRegionReadAtOnceEqualsItsPagesReadOneByOne()
    {
        var raw = new RecordingSource(_scenario.Image.Physical.ToRaw(), "swapper.raw");
        var memory = Memory(raw);
        var whole = new byte[End - First];
        memory.Read(First, whole);

        var byPage = new byte[whole.Length];
        for (var at = 0; at < whole.Length; at += 4096) memory.Read(First + (ulong)at, byPage.AsSpan(at, 4096));
        Assert.That(whole, Is.EqualTo(byPage));
        var pages = _scenario.Pages.Where(p => p.Va >= First && p.Va < End).ToArray();
        Assert.That(pages.Select(p => p.Needs).Distinct(), Is.EquivalentTo(new[] { SwapperScenario.Needs.Ram, SwapperScenario.Needs.Pagefile, SwapperScenario.Needs.File }));
        foreach (var page in pages) Assert.That(BinaryPrimitives.ReadInt64LittleEndian(whole.AsSpan((int)(page.Va - First))), Is.EqualTo(page.Value), page.State);
        Assert.That(whole.AsSpan((int)(_scenario.DemandZeroVa - First), 4096).ContainsAnyExcept((byte)0), Is.False, "the demand-zero page");
    }

    [Test]
    public void AReadStartingAndEndingInsidePagesEqualsTheSameBytesReadPageByPage()
    {
        var memory = Memory(new RecordingSource(_scenario.Image.Physical.ToRaw()));
        var byPage = new byte[End - First];
        for (var at = 0; at < byPage.Length; at += 4096) memory.Read(First + (ulong)at, byPage.AsSpan(at, 4096));
        var part = new byte[byPage.Length - 0x1234 - 0x777];
        memory.Read(First + 0x1234, part);
        Assert.That(part, Is.EqualTo(byPage.AsSpan(0x1234, part.Length).ToArray()));
    }

    [Test]
    public void AnUnreadableFrameFailsTheReadAsPageByPageAndOnlyReadsThatIncludeIt()
    {
        var raw = new RecordingSource(_scenario.Image.Physical.ToRaw(), "swapper.raw");
        var memory = Memory(raw);
        var valid = _scenario.Pages.Where(p => p.State == "valid").ElementAt(1);
        raw.Bad.Add(memory.Translate(valid.Va, NoTrace.Instance).Location!.Value.Offset + 100);

        var whole = new byte[End - First];
        var batched = Assert.Throws<IOException>(() => memory.Read(First, whole))!;
        Exception? first = null;
        for (var va = First; va < End && first is null; va += 4096)
        {
            try
            {
                memory.Read(va, new byte[4096]);
            }
            catch (IOException e)
            {
                first = e;
                Assert.That(va, Is.EqualTo(valid.Va), "page by page, only the bad frame's page fails");
            }
        }
        Assert.That(batched.Message, Is.EqualTo(first!.Message));
        Assert.That(batched.Message, Does.Contain("bad sector"));
        foreach (var page in _scenario.Pages.Where(p => p.Va >= First && p.Va < End && p.Va != valid.Va))
            Assert.That(() => memory.Read(page.Va, new byte[4096]), Throws.Nothing, page.State);
    }
}
