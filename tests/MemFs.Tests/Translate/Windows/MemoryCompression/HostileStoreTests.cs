using MemFs.Tests.Translate.Paging.Compression;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using MemFs.Translate.Paging;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.CompressedStoreScenario;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>A damaged store fails exactly the page the damage touches, with the hop that broke; every other page still reads.</summary>
public class HostileStoreTests
{
    private const int Victim = 5;

    private static void AssertOnlyVictimFails(CompressedStoreScenario scenario, string reason)
    {
        var memory = scenario.Memory();
        for (var page = 0; page < scenario.Contents.Length; page++)
        {
            var resolution = memory.Translate(PageVa(page), NoTrace.Instance);
            if (page == Victim)
            {
                Assert.That(resolution.State, Is.EqualTo(PageState.Unresolvable));
                Assert.That(resolution.Reason, Does.Contain($"page key 0x{KeyOfPage(page):X8}").And.Contain(reason));
                Assert.That(() => memory.Read(PageVa(page), new byte[16]), Throws.InstanceOf<IOException>().With.Message.Contain(reason));
                Assert.That(memory.WithHoles(HolePolicy.Holes).IsHole(resolution), Is.True);
                continue;
            }
            var bytes = new byte[4096];
            memory.Read(PageVa(page), bytes);
            Assert.That(bytes, Is.EqualTo(scenario.Contents[page]), $"page {page}");
        }
    }

    private static uint VictimKey => KeyOfPage(Victim);

    [Test]
    public void ABTreeCycleFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        var store = scenario.Store;
        scenario.Image.WriteKernel64(store.PagesLeafPointer[VictimKey], store.PagesRoot);
        AssertOnlyVictimFails(scenario, "is reached twice: the tree has a cycle");
    }

    [Test]
    public void AnAbsurdNodeCountFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        scenario.Image.WriteBytes(scenario.Store.PagesLeaf[VictimKey], BitConverter.GetBytes((ushort)0xFFFF));
        AssertOnlyVictimFails(scenario, "count 65535 is more than the 510 leaf entries a page holds");
    }

    [Test]
    public void ARegionOutsideMemCompressionFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        var store = scenario.Store;
        // A spare slot of the region pointer array names a user address no VAD of MemCompression covers.
        scenario.Image.WriteKernel64(store.RegionPointers + 8 * 6, 0x0000_7FF0_0000_0000);
        var record = store.RecordAt[VictimKey];
        scenario.Image.WriteBytes(record, BitConverter.GetBytes(6u << TestCompressedStore.RegionShift));
        AssertOnlyVictimFails(scenario, "is inside no VAD of MemCompression");
    }

    [Test]
    public void ARecordPastItsRegionFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        var record = scenario.Store.RecordAt[VictimKey];
        scenario.Image.WriteBytes(record, BitConverter.GetBytes(0xFFFu));
        AssertOnlyVictimFails(scenario, "runs past region 0");
    }

    [Test]
    public void ABadRegionIndexFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        var record = scenario.Store.RecordAt[VictimKey];
        scenario.Image.WriteBytes(record, BitConverter.GetBytes(7u << TestCompressedStore.RegionShift));
        AssertOnlyVictimFails(scenario, "region 7 at 0x0");
    }

    [Test]
    public void ADecompressionOverrunFailsItsPage()
    {
        // An XPRESS stream that decodes to more than a page.
        var overrun = TestXpressEncoder.Encode(CompressionTestPages.Text(77, 4096 + 200));
        var scenario = new CompressedStoreScenario(19041, beforeWrite: s =>
        {
            s.Store.Add(0x400, new byte[4096], StoredAs.Verbatim, overrun);
        });
        var memory = scenario.Memory();
        scenario.Image.SetPte(PageVa(Victim), scenario.Store.Pte(0x400));
        var resolution = memory.Translate(PageVa(Victim), NoTrace.Instance);
        Assert.That(resolution.State, Is.EqualTo(PageState.Unresolvable));
        Assert.That(resolution.Reason, Does.Contain("Xpress page of 0x").And.Contain("overflows the output of 4096 bytes"));
        var other = new byte[4096];
        memory.Read(PageVa(4), other);
        Assert.That(other, Is.EqualTo(scenario.Contents[4]));
    }

    [Test]
    public void AKeyTheStoreDoesNotHoldFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        scenario.Image.SetPte(PageVa(Victim), scenario.Store.Pte(0x0777));
        var resolution = scenario.Memory().Translate(PageVa(Victim), NoTrace.Instance);
        Assert.That(resolution.State, Is.EqualTo(PageState.Unresolvable));
        Assert.That(resolution.Reason, Does.Contain("KeyToStoreTree: key 0x20000777 is not in leaf"));
    }

    [Test]
    public void AnEntryMarkedInvalidFailsItsPage()
    {
        var scenario = new CompressedStoreScenario(19041);
        var memory = scenario.Memory();
        // Bit 24 of the KeyToStoreTree value: find the victim's leaf entry through the walk's own trace.
        var trace = new TraceRecorder();
        memory.Translate(PageVa(Victim), trace);
        var leafLine = trace.Steps.Single(s => s.Text.StartsWith("KeyToStoreTree leaf", StringComparison.Ordinal)).Text;
        var leaf = Convert.ToUInt64(leafLine.Split(' ')[2][2..], 16);
        scenario.Image.WriteBytes(leaf + 0x10 + 4, BitConverter.GetBytes(TestCompressedStore.StoreIndex | 1u << 24));
        AssertOnlyVictimFails(scenario, "has bit 24 set: the store marks the entry invalid");
    }
}
