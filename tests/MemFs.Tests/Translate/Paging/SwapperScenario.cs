using MemFs.Translate.Paging;
using MemFs.Translate.Windows;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// The "swapper" region: page i of the region starts with the 64-bit value i, and the pages are spread over
/// every state a page can be in. Each page records what it needs besides RAM, so a test can compute exactly
/// how many pages must be recovered with and without the pagefile and the mapped files.
/// </summary>
internal sealed class SwapperScenario
{
    public const ulong Region = 0x0000_0000_1000_0000;
    public const ulong PagedTableRegion = 0x0000_0000_2000_0000;
    public const ulong TransitionTableRegion = 0x0000_0000_3000_0000;
    public const ulong PagedDirectoryRegion = 0x0000_0080_0000_0000;
    public const string ImageFile = @"\Windows\System32\swapper.dll";
    public const string DataFile = @"\Users\analyst\swapper.dat";
    public const int PerState = 4;

    public enum Needs { Ram, Pagefile, File }

    public sealed record Page(ulong Va, long Value, string State, Needs Needs, PageState Expected);

    private readonly List<Page> _pages = [];
    private long _next;

    public SwapperScenario(bool windows10)
    {
        Image = new TestWindowsImage(windows10);
        Build();
    }

    public TestWindowsImage Image { get; }
    public IReadOnlyList<Page> Pages => _pages;
    public ulong DemandZeroVa { get; private set; }
    public ulong ReservedVa { get; private set; }
    public ulong DecommittedVa { get; private set; }
    public ulong CompressedVa { get; private set; }

    private void Build()
    {
        var image = Image;
        var va = Region;
        ulong Next() => (va += 4096) - 4096;

        for (var k = 0; k < PerState; k++) Add(Next(), "valid", Needs.Ram, PageState.Valid, (v, value) => image.SetPte(v, TestWindowsImage.Valid(image.FrameWith(TestWindowsImage.StampedPage(value)))));
        for (var k = 0; k < PerState; k++) Add(Next(), "transition", Needs.Ram, PageState.Transition, (v, value) => image.SetPte(v, image.Transition(image.FrameWith(TestWindowsImage.StampedPage(value)), 4)));
        for (var k = 0; k < PerState; k++) Add(Next(), "pagefile", Needs.Pagefile, PageState.Pagefile, (v, value) => image.SetPte(v, image.Pagefile(0, image.PagefilePage(TestWindowsImage.StampedPage(value)), 4)));

        // Prototype PTEs in kernel pool, reached from the hardware PTE.
        var prototypes = image.PrototypeArray(PerState * 4);
        var slot = 0;
        ulong Proto() => prototypes + (ulong)(slot++) * 8;
        for (var k = 0; k < PerState; k++) Add(Next(), "prototype→valid", Needs.Ram, PageState.Valid, (v, value) =>
        {
            var p = Proto();
            image.WriteKernel64(p, TestWindowsImage.Valid(image.FrameWith(TestWindowsImage.StampedPage(value))));
            image.SetPte(v, image.PrototypePointer(p));
        }, prototype: true);
        for (var k = 0; k < PerState; k++) Add(Next(), "prototype→transition", Needs.Ram, PageState.Transition, (v, value) =>
        {
            var p = Proto();
            image.WriteKernel64(p, image.Transition(image.FrameWith(TestWindowsImage.StampedPage(value)), 3));
            image.SetPte(v, image.PrototypePointer(p));
        }, prototype: true);
        for (var k = 0; k < PerState; k++) Add(Next(), "prototype→pagefile", Needs.Pagefile, PageState.Pagefile, (v, value) =>
        {
            var p = Proto();
            image.WriteKernel64(p, image.Pagefile(0, image.PagefilePage(TestWindowsImage.StampedPage(value)), 4));
            image.SetPte(v, image.PrototypePointer(p));
        }, prototype: true);

        // An image file mapped through a subsection: StartingSector counts 512-byte sectors for images.
        const uint imageSector = 0x10;
        var imageArray = image.PrototypeArray(PerState);
        var imageBytes = new byte[imageSector * 512 + PerState * 4096];
        var imageSubsection = image.FileSection(ImageFile, image: true, imageArray, PerState, imageSector);
        for (var k = 0; k < PerState; k++) Add(Next(), "prototype→subsection (image)", Needs.File, PageState.FileMapping, (v, value) =>
        {
            var index = (ulong)k;
            TestWindowsImage.StampedPage(value).CopyTo(imageBytes, (int)(imageSector * 512 + index * 4096));
            image.WriteKernel64(imageArray + index * 8, image.SubsectionPte(imageSubsection, 7));
            image.SetPte(v, image.PrototypePointer(imageArray + index * 8));
        }, prototype: true);
        image.Files[ImageFile] = imageBytes;

        // A data file view reached through the VAD (marker PTEs and zero PTEs): StartingSector counts pages.
        const uint dataPage = 3;
        var dataArray = image.PrototypeArray(PerState * 2);
        var dataBytes = new byte[(dataPage + PerState * 2) * 4096];
        var dataSubsection = image.FileSection(DataFile, image: false, dataArray, PerState * 2, dataPage);
        var viewStart = va;
        for (var k = 0; k < PerState * 2; k++)
        {
            var index = (ulong)k;
            var state = k < PerState ? "VAD marker→subsection (data)" : "zero PTE→VAD→subsection (data)";
            Add(Next(), state, Needs.File, PageState.FileMapping, (v, value) =>
            {
                TestWindowsImage.StampedPage(value).CopyTo(dataBytes, (int)((dataPage + index) * 4096));
                image.WriteKernel64(dataArray + index * 8, image.SubsectionPte(dataSubsection, 4));
                image.SetPte(v, index < PerState ? image.VadMarker(4) : 0);
            }, prototype: true);
        }
        image.Files[DataFile] = dataBytes;
        image.Vads.Add(new VadDescriptor(viewStart, va - 1, false, true, 4, dataArray, dataArray + (ulong)(PerState * 2 - 1) * 8, dataSubsection, DataFile, 0xFFFF_A000_0000_1000, "Vad"));

        // A private committed VAD: its zero PTEs are demand zero; a reserved one: unresolvable.
        DemandZeroVa = va;
        image.SetPte(va, 0);
        image.Vads.Add(new VadDescriptor(va, va + 0xFFF, true, true, 4, 0, 0, 0, null, 0xFFFF_A000_0000_2000, "VadS"));
        ReservedVa = va + 0x1000;
        image.SetPte(ReservedVa, 0);
        image.Vads.Add(new VadDescriptor(ReservedVa, ReservedVa + 0xFFF, true, false, 4, 0, 0, 0, null, 0xFFFF_A000_0000_3000, "VadS"));
        DecommittedVa = va + 0x2000;
        image.SetPte(DecommittedVa, image.DemandZero(MmProtection.Decommit));
        CompressedVa = va + 0x3000;
        if (image.Windows10) image.SetPte(CompressedVa, image.Pagefile(2, 0x1A5B, 4));

        // A page table paged out to the pagefile (its PDE is a pagefile entry): every page under it needs the pagefile.
        var pagedTable = new byte[4096];
        var pagedVa = PagedTableRegion;
        for (var k = 0; k < PerState; k++, pagedVa += 4096)
        {
            var value = _next++;
            BitConverter.TryWriteBytes(pagedTable.AsSpan((int)((pagedVa >> 12) & 0x1FF) * 8), TestWindowsImage.Valid(image.FrameWith(TestWindowsImage.StampedPage(value))));
            _pages.Add(new Page(pagedVa, value, "valid under a paged-out page table", Needs.Pagefile, PageState.Valid));
        }
        image.SetEntry(PagedTableRegion, 1, image.Pagefile(0, image.PagefilePage(pagedTable), 4));

        // A page directory paged out (its PDPTE is a pagefile entry): the PD comes from the pagefile, its PDE
        // points at a resident page table.
        var pagedDirectory = new byte[4096];
        var residentTable = image.AllocateFrame();
        BitConverter.TryWriteBytes(pagedDirectory.AsSpan((int)((PagedDirectoryRegion >> 21) & 0x1FF) * 8), TestWindowsImage.Valid(residentTable));
        var directoryVa = PagedDirectoryRegion;
        for (var k = 0; k < PerState; k++, directoryVa += 4096)
        {
            var value = _next++;
            image.WritePhysical64(residentTable + (long)((directoryVa >> 12) & 0x1FF) * 8, TestWindowsImage.Valid(image.FrameWith(TestWindowsImage.StampedPage(value))));
            _pages.Add(new Page(directoryVa, value, "valid under a paged-out page directory", Needs.Pagefile, PageState.Valid));
        }
        image.SetEntry(PagedDirectoryRegion, 2, image.Pagefile(0, image.PagefilePage(pagedDirectory), 4));

        // A page table on the standby list (transition PDE).
        var standbyTable = image.AllocateFrame();
        var standbyVa = TransitionTableRegion;
        for (var k = 0; k < PerState; k++, standbyVa += 4096)
        {
            var value = _next++;
            image.WritePhysical64(standbyTable + (long)((standbyVa >> 12) & 0x1FF) * 8, TestWindowsImage.Valid(image.FrameWith(TestWindowsImage.StampedPage(value))));
            _pages.Add(new Page(standbyVa, value, "valid under a transition page table", Needs.Ram, PageState.Valid));
        }
        image.SetEntry(TransitionTableRegion, 1, image.Transition(standbyTable, 4));
    }

    private void Add(ulong va, string state, Needs needs, PageState expected, Action<ulong, long> build, bool prototype = false)
    {
        var value = _next++;
        build(va, value);
        _pages.Add(new Page(va, value, state + (prototype ? " (P)" : ""), needs, expected));
    }
}
