using System.Buffers.Binary;
using MemFs.Tests.Translate.Paging.Compression;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.CompressedStoreScenario;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>The compressed-store walk through the translator: pages read byte for byte on the 19041 and 26100 layouts.</summary>
public class CompressedStoreTests
{
    [TestCase(19041u)]
    [TestCase(26100u)]
    [TestCase(22631u)]
    [TestCase(18362u)]
    public void EveryPageReadsByteForByte(uint build)
    {
        var scenario = new CompressedStoreScenario(build);
        var memory = scenario.Memory();
        for (var page = 0; page < scenario.Contents.Length; page++)
        {
            var bytes = new byte[4096];
            memory.Read(PageVa(page), bytes);
            Assert.That(bytes, Is.EqualTo(scenario.Contents[page]), $"page {page}");
            var resolution = memory.Translate(PageVa(page) + 0x10, NoTrace.Instance);
            Assert.That(resolution.State, Is.EqualTo(PageState.Compressed));
            Assert.That(resolution.Location, Is.EqualTo(ExtendedLocation.Compressed(KeyOfPage(page), 0x10)));
        }
    }

    [Test]
    public void AReadAcrossPagesAndInsideOneMatches()
    {
        var scenario = new CompressedStoreScenario(19041);
        var memory = scenario.Memory();
        var bytes = new byte[3 * 4096];
        memory.Read(PageVa(4) + 0x800, bytes);
        var expected = scenario.Contents[4][0x800..].Concat(scenario.Contents[5]).Concat(scenario.Contents[6]).Concat(scenario.Contents[7][..0x800]).ToArray();
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [Test]
    public void TheTraceShowsEveryHopAndTheRegionPagesOwnTranslation()
    {
        var (text, result) = Vtop(new CompressedStoreScenario(19041), 1);

        Assert.That(result.State, Is.EqualTo(PageState.Compressed));
        Assert.That(text, Does.Contain($"page key 0x{KeyOfPage(1):X8}"));
        Assert.That(text, Does.Contain("SMKM_STORE offsets, 2004-21H2 (build 19041)"));
        Assert.That(text, Does.Contain("KeyToStoreTree inner"));
        Assert.That(text, Does.Contain("KeyToStoreTree leaf"));
        Assert.That(text, Does.Contain("PagesTree inner"));
        Assert.That(text, Does.Contain("store index 33"));
        Assert.That(text, Does.Contain("CompressedSize 0x"));
        Assert.That(text, Does.Contain($"0x{TestCompressedStore.RegionBase:X} in MemCompression"));
        Assert.That(text, Does.Contain("Xpress (SMKM_STORE.CompressionAlgorithm at"));
        Assert.That(text, Does.Contain("    | pte@"), "the region page's own walk is nested");
        Assert.That(text, Does.Contain($"Compressed compressed store page key 0x{KeyOfPage(1):X8} + 0x0"));
    }

    [Test]
    public void RawAndZeroRecordsSaySo()
    {
        var scenario = new CompressedStoreScenario(19041);
        string Trace(int page) => Vtop(scenario, page).Text;
        Assert.That(Trace(RawPage), Does.Contain("CompressedSize 0x1000: stored raw"));
        Assert.That(Trace(ZeroPage), Does.Contain("CompressedSize 0: a zero page"));
    }

    [Test]
    public void The26100LayoutUsesLz4AndMasksTheKey()
    {
        var (text, result) = Vtop(new CompressedStoreScenario(26100), 0);
        Assert.That(result.State, Is.EqualTo(PageState.Compressed));
        Assert.That(text, Does.Contain($"& 0x0FFFFFFF = 0x{KeyOfPage(0) & 0x0FFFFFFF:X8}"));
        Assert.That(text, Does.Contain("Lz4 (LZ4: build 26100 stores every page as an LZ4 block)"));
        Assert.That(text, Does.Contain("re-based to"));
    }

    /// <summary>The vtop text of page <paramref name="page"/>, as the command renders it.</summary>
    private static (string Text, Resolution Result) Vtop(CompressedStoreScenario scenario, int page)
    {
        var translator = scenario.Translator();
        var trace = new TraceRecorder();
        var result = translator.Translate(scenario.Image.Dtb, PageVa(page), scenario.Image.VadSource, trace);
        return (TraceRenderer.Render(PageVa(page), trace.Steps, result, translator.Settings), result);
    }

    [Test]
    public void WithoutAStoreThePageIsUnresolvableAndSaysWhy()
    {
        var scenario = new CompressedStoreScenario(19041);
        var resolution = scenario.Memory(attach: false).Translate(PageVa(0), NoTrace.Instance);
        Assert.That(resolution.State, Is.EqualTo(PageState.Unresolvable));
        Assert.That(resolution.Reason, Does.Contain($"page key 0x{KeyOfPage(0):X8}), which cannot be read: no store is attached"));
    }

    [Test]
    public void APageTableInTheStoreIsFollowed()
    {
        const ulong tableVa = 0x0000_0000_4000_0000;
        byte[] data = CompressionTestPages.Text(99);
        long frame = 0;
        var scenario = new CompressedStoreScenario(19041, beforeWrite: s =>
        {
            frame = s.Image.FrameWith(data);
            var table = new byte[4096];
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(5 * 8), (ulong)frame | 0x67);
            s.Store.Add(0x500, table);
            s.Image.SetEntry(tableVa, 0, 0);
            s.Image.SetEntry(tableVa, 1, s.Store.Pte(0x500));
        });
        var memory = scenario.Memory();
        var bytes = new byte[4096];
        memory.Read(tableVa + 5 * 4096, bytes);
        Assert.That(bytes, Is.EqualTo(data));
        var trace = new TraceRecorder();
        memory.Translate(tableVa + 5 * 4096, trace);
        Assert.That(trace.Steps.Any(s => s.Text.Contains("the PTE table is in the compressed store: page key 0x20000500")), Is.True);
    }
}
