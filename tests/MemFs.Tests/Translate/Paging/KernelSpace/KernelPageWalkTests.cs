using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Paging.KernelSpace;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging.KernelSpace;

/// <summary>
/// The kernel-half page-table walk against tables built by hand: 4 KiB pages of each kind, a 2 MiB and a 1 GiB page,
/// the last page of the address space, the self-map listed as page tables (not walked), and hostile tables (a second
/// self-reference, entries pointing back at the tables above them, a shared table repeated past the table bound).
/// </summary>
public class KernelPageWalkTests
{
    private const int Self = 0x1ED;
    private const ulong Driver = 0xFFFF_F804_1000_0000;
    private const ulong Large2M = 0xFFFF_F805_0020_0000;
    private const ulong Large1G = 0xFFFF_F900_4000_0000;
    private const ulong Top = 0xFFFF_FFFF_FFFF_F000;

    private static TestWindowsImage SelfMapped()
    {
        var image = new TestWindowsImage(windows10: true);
        image.WritePhysical64((long)image.Dtb + Self * 8, image.Dtb | 0x63);
        return image;
    }

    [Test]
    public void RunsFollowTheEntriesInAddressOrderWithTheirKinds()
    {
        var image = SelfMapped();
        for (var i = 0; i < 3; i++) image.SetPte(Driver + (ulong)i * 4096, TestWindowsImage.Valid(image.AllocateFrame()));
        image.SetPte(Driver + 3 * 4096, image.Transition(image.AllocateFrame(), 4));
        image.SetPte(Driver + 4 * 4096, image.Pagefile(0, 7, 4));
        image.SetPte(Driver + 6 * 4096, image.DemandZero(4));
        image.SetEntry(Large2M, 1, 0x400_0000 | 0xE3);
        image.SetEntry(Large1G, 2, 0x4000_0000 | 0xE3);
        image.SetPte(Top, TestWindowsImage.Valid(image.AllocateFrame()));
        image.SetPte(0x0000_7FF6_0000_0000, TestWindowsImage.Valid(image.AllocateFrame()));

        var map = KernelPageWalk.Of(image.Translator(), image.Dtb);

        var data = map.Runs.Where(r => r.Kind != KernelPageKind.PageTable).ToArray();
        Assert.That(data, Is.EqualTo(new[]
        {
            new KernelPageRun(Driver, Driver + 3 * 4096 - 1, KernelPageKind.Valid),
            new KernelPageRun(Driver + 3 * 4096, Driver + 4 * 4096 - 1, KernelPageKind.Transition),
            new KernelPageRun(Driver + 4 * 4096, Driver + 5 * 4096 - 1, KernelPageKind.Pagefile),
            new KernelPageRun(Driver + 6 * 4096, Driver + 7 * 4096 - 1, KernelPageKind.Software),
            new KernelPageRun(Large2M, Large2M + (2 << 20) - 1, KernelPageKind.LargePage2M),
            new KernelPageRun(Large1G, Large1G + (1UL << 30) - 1, KernelPageKind.LargePage1G),
            new KernelPageRun(Top, ulong.MaxValue, KernelPageKind.Valid),
        }), "the user-half page is not listed; the last page ends at 2^64 - 1");
        Assert.That(map.SelfMap, Is.EqualTo(new SelfMap(Self)));
        Assert.That(map.Problems, Is.Empty);
        Assert.That(map.Truncated, Is.False);
        Assert.That(map.PresentPml4Entries, Is.EqualTo(4), "0x1F0, 0x1F2 (the large pages), 0x1ED (self), 0x1FF (top)");
        Assert.That(map.RunAt(Driver + 5 * 4096), Is.Null, "the zero PTE between the pagefile and demand-zero ones");
        Assert.That(map.RunAt(Large2M + 0x12345)!.Value.Kind, Is.EqualTo(KernelPageKind.LargePage2M));
    }

    [Test]
    public void TheSelfMapListsTheTablesTheWalkReadAtTheirSelfMapAddresses()
    {
        var image = SelfMapped();
        image.SetPte(Driver, TestWindowsImage.Valid(image.AllocateFrame()));
        var self = new SelfMap(Self);

        var map = KernelPageWalk.Of(image.Translator(), image.Dtb);

        var tables = map.Runs.Where(r => r.Kind == KernelPageKind.PageTable).SelectMany(r => Pages(r)).ToArray();
        var expected = new[] { self.TableAddress(3, Driver), self.TableAddress(2, Driver), self.TableAddress(1, Driver), self.TableAddress(0, Driver) };
        Assert.That(tables, Is.EquivalentTo(expected));
        Assert.That(self.TableAddress(0, Driver), Is.EqualTo(0xFFFF_F6FC_0208_0000UL), "MmPteBase 0xFFFFF68000000000 + (va >> 9 & 0x7FFFFFFFF8), page aligned");
        Assert.That(self.TableAddress(3, 0), Is.EqualTo(0xFFFF_F6FB_7DBE_D000UL), "the PML4 at (0x1ED, 0x1ED, 0x1ED, 0x1ED)");
        Assert.That(map.TablesRead, Is.EqualTo(4), "PML4, PDPT, PD, PT: the self-map entry is not walked");
        Assert.That(self.Start, Is.EqualTo(0xFFFF_F680_0000_0000UL));

        // The translator reads the PT through the self-map: the valid PTE for Driver is the first entry it holds.
        var pte = new byte[8];
        Assert.That(image.Translator().TryRead(self.TableAddress(0, Driver), pte, out var why), Is.True, why);
        Assert.That(BitConverter.ToUInt64(pte) & 1, Is.EqualTo(1));
    }

    [Test]
    public void AHostileTableIsNotWalkedIntoItselfAndTheWalkIsBounded()
    {
        var image = SelfMapped();
        // A second entry pointing at the PML4.
        image.WritePhysical64((long)image.Dtb + 0x1EE * 8, image.Dtb | 0x63);
        // A PDPT whose entries point back at itself and at the PML4.
        var pdpt = image.AllocateFrame();
        image.WritePhysical64((long)image.Dtb + 0x1F0 * 8, (ulong)pdpt | 0x63);
        for (var i = 0; i < 256; i++) image.WritePhysical64(pdpt + i * 8, (ulong)pdpt | 0x63);
        for (var i = 256; i < 512; i++) image.WritePhysical64(pdpt + i * 8, image.Dtb | 0x63);

        var map = KernelPageWalk.Of(image.Translator(), image.Dtb);

        Assert.That(map.SelfMap, Is.EqualTo(new SelfMap(Self)));
        Assert.That(map.Runs.Where(r => r.Kind != KernelPageKind.PageTable), Is.Empty);
        Assert.That(map.Problems[0], Does.Contain("PML4 entry 0x1EE also points at the PML4 (the self-map is entry 0x1ED): not walked"));
        Assert.That(map.Problems[1], Does.Contain("points back at the PDPT above it").And.Contain("a cycle: not walked"));
        Assert.That(map.Problems[^1], Is.EqualTo("and 481 more problems like these"), "512 cycles + 1, 32 kept");
        Assert.That(map.TablesRead, Is.EqualTo(2));
    }

    [Test]
    public void ASharedTableRepeatedEverywhereStopsAtTheTableBound()
    {
        var image = SelfMapped();
        var pd = image.AllocateFrame();
        var pt = image.AllocateFrame();
        for (var i = 0; i < 512; i++) image.WritePhysical64(pt + i * 8, TestWindowsImage.Valid(0x5000) + (ulong)(i % 2) * 0x800);
        for (var i = 0; i < 512; i++) image.WritePhysical64(pd + i * 8, (ulong)pt | 0x63);
        var pdpt = image.AllocateFrame();
        for (var i = 0; i < 512; i++) image.WritePhysical64(pdpt + i * 8, (ulong)pd | 0x63);
        for (var e = 0x100; e < 0x110; e++) image.WritePhysical64((long)image.Dtb + e * 8, (ulong)pdpt | 0x63);

        var map = KernelPageWalk.Of(image.Translator(), image.Dtb, maxTables: 1000);

        Assert.That(map.Truncated, Is.True);
        Assert.That(map.TablesRead, Is.EqualTo(1000));
        Assert.That(map.Problems[0], Does.StartWith("the walk stopped after 1,000 page tables"));
        Assert.That(map.Runs.Sum(r => r.Pages), Is.GreaterThan(0).And.LessThanOrEqualTo(1000 * 512L));
    }

    private static IEnumerable<ulong> Pages(KernelPageRun run)
    {
        for (var page = run.Start; page <= run.Last && page >= run.Start; page += 4096) yield return page;
    }
}
