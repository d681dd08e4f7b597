using MemFs.Translate.Paging;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>Windows 7 SP1 PTEs from Rekall's pagefile blog posts and constructed 1809+ PTEs, decoded exactly.</summary>
public class PteDecoderVectorTests
{
    private static readonly PteDecoder Win7 = new(new PagingSettings(SoftwarePteLayout.Windows7, "test", 0, "none", -1, 7601));
    private static readonly PteDecoder Win10 = new(new PagingSettings(SoftwarePteLayout.Windows10_1809, "test", 0x0000_2000_0000_0000, "test", 2, 19041));

    [Test]
    public void Windows7PrototypePointer()
    {
        var d = Win7.DecodeLeaf(0xF8A0_01CA_4060_0400);
        Assert.That((d.Kind, d.Pointer, d.Protection), Is.EqualTo((PteKind.PrototypePointer, 0xFFFFF8A0_01CA4060UL, 0)));
    }

    [Test]
    public void Windows7SubsectionInAPrototypePte()
    {
        var d = Win7.DecodePrototypeContent(0xFA80_02A5_2EA8_0460);
        Assert.That((d.Kind, d.Pointer, d.Protection), Is.EqualTo((PteKind.Subsection, 0xFFFFFA80_02A52EA8UL, 3)));
        Assert.That(MmProtection.Name(d.Protection), Is.EqualTo("EXECUTE_READ"));
    }

    [Test]
    public void Windows7PagedOutPageTable()
    {
        var d = Win7.DecodeUpperLevel(0x0002_13FF_0020_0080);
        Assert.That((d.Kind, d.PagefileNumber, d.PagefileOffset, d.Protection), Is.EqualTo((PteKind.Pagefile, 0, 0x213FF000L, 4)));
        Assert.That((d.Value >> 12) & 0x3FF, Is.EqualTo(0x200UL), "UsedPageTableEntries (bits 12-21) = 512");
    }

    [Test]
    public void Windows7PagefilePte()
    {
        var d = Win7.DecodeLeaf(0x0000_1CEE_0000_0080);
        Assert.That((d.Kind, d.PagefileNumber, d.PagefileOffset, d.Protection), Is.EqualTo((PteKind.Pagefile, 0, 0x1CEE000L, 4)));
    }

    [Test]
    public void Windows7VadMarkerDemandZeroDecommitAndZero()
    {
        Assert.That((Win7.DecodeLeaf(0xFFFF_FFFF_0000_0420).Kind, Win7.DecodeLeaf(0xFFFF_FFFF_0000_0420).Protection), Is.EqualTo((PteKind.VadMarker, 1)));
        Assert.That((Win7.DecodeLeaf(0x80).Kind, Win7.DecodeLeaf(0x80).Protection), Is.EqualTo((PteKind.DemandZero, 4)));
        Assert.That((Win7.DecodeLeaf(0x200).Kind, Win7.DecodeLeaf(0x200).Protection), Is.EqualTo((PteKind.DemandZero, MmProtection.Decommit)));
        Assert.That(Win7.DecodeLeaf(0).Kind, Is.EqualTo(PteKind.Zero));
    }

    [TestCase(0x0000_1234_0000_0090UL, 0x1234000L, Description = "SwizzleBit set: stored as is")]
    [TestCase(0x0000_3234_0000_0080UL, 0x1234000L, Description = "SwizzleBit clear: InvalidPteMask removed")]
    public void Windows10PagefileWithAndWithoutSwizzle(ulong raw, long offset)
    {
        var d = Win10.DecodeLeaf(raw);
        Assert.That((d.Kind, d.PagefileNumber, d.PagefileOffset, d.Protection), Is.EqualTo((PteKind.Pagefile, 0, offset, 4)));
    }

    [Test]
    public void Windows10SwizzledDemandZeroIsNotAPagefileOffset()
    {
        var d = Win10.DecodeLeaf(0x0000_2000_0000_0080);
        Assert.That((d.Kind, d.Unswizzled), Is.EqualTo((PteKind.DemandZero, true)));
    }

    [TestCase(0x0000_1234_0000_2090UL, 0x20001234u)]
    [TestCase(0x0000_3A5B_0000_2080UL, 0x20001A5Bu)]
    public void Windows10VirtualStoreKeys(ulong raw, uint key)
    {
        var d = Win10.DecodeLeaf(raw);
        Assert.That((d.Kind, d.StoreKey), Is.EqualTo((PteKind.VirtualStore, key)));
    }

    [Test]
    public void Windows10TransitionFrameLosesTheMaskBit()
    {
        var d = Win10.DecodeLeaf(0x0000_2000_1234_5880);
        Assert.That((d.Kind, d.FrameAddress, d.Protection), Is.EqualTo((PteKind.Transition, 0x12345000L, 4)));
    }

    [Test]
    public void Windows10PrototypePointerAndSubsection()
    {
        var p = Win10.DecodeLeaf(0xB000_1234_5678_0400);
        Assert.That((p.Kind, p.Pointer), Is.EqualTo((PteKind.PrototypePointer, 0xFFFFB000_12345678UL)));
        var s = Win10.DecodePrototypeContent(0xC080_1234_5A80_0460);
        Assert.That((s.Kind, s.Pointer, s.Protection), Is.EqualTo((PteKind.Subsection, 0xFFFFC080_12345A80UL, 3)));
    }

    [Test]
    public void Windows10VadMarkerAndNullPrototype()
    {
        var marker = Win10.DecodeLeaf(0xFFFF_FFFF_0000_0430);
        Assert.That((marker.Kind, marker.Protection), Is.EqualTo((PteKind.VadMarker, 1)));
        Assert.That(Win10.DecodeLeaf(0x430).Kind, Is.EqualTo(PteKind.Invalid), "a prototype PTE with a null pointer is unreadable, not the VAD marker");
    }

    [Test]
    public void GuardAndNoAccessPagesKeepTheirProtection()
    {
        var guard = Win10.DecodeLeaf(0x0000_2000_0000_0280);
        Assert.That((guard.Kind, MmProtection.Name(guard.Protection)), Is.EqualTo((PteKind.DemandZero, "GUARD|READWRITE")));
        var noAccess = Win7.DecodeLeaf(0x18 << 5);
        Assert.That((noAccess.Kind, MmProtection.Name(noAccess.Protection)), Is.EqualTo((PteKind.DemandZero, "MM_NOACCESS")));
        Assert.That(MmProtection.Name(0x1F), Is.EqualTo("MM_OUTSWAPPED_KSTACK"));
        Assert.That(MmProtection.Name(0x0B), Is.EqualTo("NOCACHE|EXECUTE_READ"));
    }

    [Test]
    public void LayoutsFollowTheBuild()
    {
        Assert.That(SoftwarePteLayout.ForBuild(7601).Layout, Is.SameAs(SoftwarePteLayout.Windows7));
        Assert.That(SoftwarePteLayout.ForBuild(16299).Layout, Is.SameAs(SoftwarePteLayout.Windows7));
        Assert.That(SoftwarePteLayout.ForBuild(17763).Layout, Is.SameAs(SoftwarePteLayout.Windows10_1809));
        Assert.That(SoftwarePteLayout.ForBuild(19041).Layout, Is.SameAs(SoftwarePteLayout.Windows10_1809));
        Assert.That(SoftwarePteLayout.ForBuild(26100).Layout, Is.SameAs(SoftwarePteLayout.Windows11_24H2));
        Assert.That(SoftwarePteLayout.ForBuild(17134).Reason, Does.Contain("ambiguous"), "never guessed silently");
    }
}
