using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Windows.Layouts;
using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Windows;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// Builds a synthetic Windows x64 memory image for translator tests: real 4-level page tables, PTEs in every
/// software state encoded by hand from the _MMPTE_* bit layouts (Windows 7, or Windows 10 1809+
/// with InvalidPteMask swizzling), a pagefile, mapped files, and kernel-pool prototype PTE arrays and
/// _SUBSECTION/_CONTROL_AREA/_FILE_OBJECT structures at the offsets of the kernels' PDBs.
/// </summary>
internal sealed class TestWindowsImage
{
    public const ulong KernelHeap = 0xFFFFF8A0_00000000;
    public const ulong DefaultMask = 0x0000_2000_0000_0000;

    private long _nextFrame = 0x100000;
    private ulong _nextKernel = KernelHeap;
    private readonly MemoryStream _pagefile = new();

    /// <param name="mask">InvalidPteMask: bit 45 on most Intel CPUs, bit 38 on a CPU with 39 physical address bits.</param>
    public TestWindowsImage(bool windows10, ulong mask = DefaultMask)
    {
        Windows10 = windows10;
        Mask = mask;
        Layout = windows10 ? SoftwarePteLayout.Windows10_1809 : SoftwarePteLayout.Windows7;
        Sections = SectionObjectLayout.FromBuildTable(windows10 ? 19041u : 7601u);
        Dtb = (ulong)AllocateFrame();
        // Windows never stores a page at index 0 of a paging file: PageFileHigh 0 means demand zero.
        _pagefile.Write(new byte[4096]);
    }

    public bool Windows10 { get; }
    public ulong Mask { get; }
    public SoftwarePteLayout Layout { get; }
    public SectionObjectLayout Sections { get; }
    public SparsePhysicalMemory Physical { get; } = new();
    public ulong Dtb { get; }
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<VadDescriptor> Vads { get; } = [];
    public byte[] PagefileBytes => _pagefile.ToArray();

    public PagingSettings Settings => Windows10
        ? new PagingSettings(Layout, "test", Mask, "test", 2, 19041)
        : new PagingSettings(Layout, "test", 0, "test", -1, 7601);

    public long AllocateFrame()
    {
        var frame = _nextFrame;
        _nextFrame += 4096;
        Physical.Page(frame);
        return frame;
    }

    /// <summary>A physical page holding <paramref name="content"/> (padded to 4 KiB).</summary>
    public long FrameWith(ReadOnlySpan<byte> content)
    {
        var frame = AllocateFrame();
        content.CopyTo(Physical.Page(frame));
        return frame;
    }

    /// <summary>A pagefile page holding <paramref name="content"/>; returns its page index.</summary>
    public long PagefilePage(ReadOnlySpan<byte> content)
    {
        var index = _pagefile.Length / 4096;
        var page = new byte[4096];
        content.CopyTo(page);
        _pagefile.Write(page);
        return index;
    }

    /// <summary>Physical address of the page-table entry for <paramref name="va"/> at <paramref name="level"/> (0 = PTE), building tables as needed.</summary>
    public long EntryAddress(ulong va, int level) => EntryAddress(Dtb, va, level);

    /// <summary>The same, in the address space whose PML4 is at <paramref name="dtb"/>.</summary>
    public long EntryAddress(ulong dtb, ulong va, int level)
    {
        var table = (long)dtb;
        for (var l = 3; l > level; l--)
        {
            var at = table + (long)((va >> (12 + 9 * l)) & 0x1FF) * 8;
            var entry = ReadPhysical64(at);
            if ((entry & 1) == 0)
            {
                entry = (ulong)AllocateFrame() | 0x67;
                WritePhysical64(at, entry);
            }
            table = (long)(entry & SoftwarePteLayout.Frame52);
        }
        return table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8;
    }

    public void SetEntry(ulong va, int level, ulong raw) => WritePhysical64(EntryAddress(va, level), raw);

    public void SetPte(ulong va, ulong raw) => SetEntry(va, 0, raw);

    /// <summary>A new address space: its own PML4 with the kernel half shared (the entries existing now) and an empty user half.</summary>
    public ulong NewAddressSpace()
    {
        var pml4 = AllocateFrame();
        for (var i = 256; i < 512; i++) WritePhysical64(pml4 + i * 8, ReadPhysical64((long)Dtb + i * 8));
        return (ulong)pml4;
    }

    /// <summary>
    /// Gives the user half built so far to a new PML4 (kernel half shared, its own self-map entry at
    /// <paramref name="selfIndex"/>) and empties this DTB's user half, as the System process has no user space:
    /// the next process's user memory is built from scratch at the same addresses.
    /// </summary>
    public ulong DetachUserSpace(int selfIndex)
    {
        var kernelDtb = (long)Dtb;
        var pml4 = AllocateFrame();
        for (var i = 0; i < 512; i++) WritePhysical64(pml4 + i * 8, ReadPhysical64(kernelDtb + i * 8));
        WritePhysical64(pml4 + selfIndex * 8, (ulong)pml4 | 0x63);
        for (var i = 0; i < 256; i++) WritePhysical64(kernelDtb + i * 8, 0);
        return (ulong)pml4;
    }

    public ulong ReadPhysical64(long address) => BinaryPrimitives.ReadUInt64LittleEndian(Physical.Page(address).AsSpan((int)(address & 0xFFF)));

    public void WritePhysical64(long address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Physical.Page(address).AsSpan((int)(address & 0xFFF)), value);

    // --- PTE encoders, written from the layouts independently of the decoder under test ---

    public static ulong Valid(long frame) => (ulong)frame | 0x67;

    public ulong Transition(long frame, int protection) => Swizzle((ulong)frame | 1UL << 11 | (ulong)protection << 5);

    public ulong Pagefile(int number, long pageIndex, int protection) =>
        Swizzle((ulong)pageIndex << 32 | (ulong)number << Layout.PageFileLowShift | (ulong)protection << 5);

    public ulong DemandZero(int protection) => Swizzle((ulong)protection << 5);

    public ulong PrototypePointer(ulong prototypeKva) => Swizzle(((prototypeKva & 0xFFFF_FFFF_FFFF) << 16) | 1UL << 10);

    public ulong VadMarker(int protection) => 0xFFFF_FFFF_0000_0000 | 1UL << 10 | (ulong)protection << 5 | (Windows10 ? 0x10UL : 0);

    public ulong SubsectionPte(ulong subsectionKva, int protection) => Swizzle(((subsectionKva & 0xFFFF_FFFF_FFFF) << 16) | 1UL << 10 | (ulong)protection << 5);

    /// <summary>1809+ kernels store non-present entries with InvalidPteMask set and SwizzleBit (4) clear.</summary>
    private ulong Swizzle(ulong value) => Windows10 ? value | Mask : value;

    // --- kernel memory ---

    /// <summary>Kernel pool: <paramref name="bytes"/> at a new kernel address, mapped by valid PTEs of the shared DTB.</summary>
    public ulong AllocateKernel(int bytes, int align = 16)
    {
        _nextKernel = (_nextKernel + (ulong)align - 1) & ~((ulong)align - 1);
        var kva = _nextKernel;
        _nextKernel += (ulong)bytes;
        for (var page = kva & ~0xFFFUL; page < _nextKernel; page += 4096)
            if ((ReadPhysical64(EntryAddress(page, 0)) & 1) == 0) SetPte(page, Valid(AllocateFrame()));
        return kva;
    }

    public void WriteKernel(ulong kva, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            var va = kva + (ulong)i;
            var pte = ReadPhysical64(EntryAddress(va, 0));
            var n = (int)Math.Min(bytes.Length - i, 4096 - (long)(va & 0xFFF));
            bytes.Slice(i, n).CopyTo(Physical.Page((long)(pte & SoftwarePteLayout.Frame52)).AsSpan((int)(va & 0xFFF)));
            i += n;
        }
    }

    /// <summary>Writes through this image's page tables, kernel or user address alike (every mapped page is valid here).</summary>
    public void WriteBytes(ulong va, ReadOnlySpan<byte> bytes) => WriteKernel(va, bytes);

    public void WriteKernelOrUser(ulong va, ulong value) => WriteKernel64(va, value);

    public ulong ReadVirtual64(ulong va)
    {
        var pte = ReadPhysical64(EntryAddress(va, 0));
        return ReadPhysical64((long)(pte & SoftwarePteLayout.Frame52) + (long)(va & 0xFFF));
    }

    public void WriteKernel64(ulong kva, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        WriteKernel(kva, b);
    }

    /// <summary>
    /// One page of a view of a file section at <paramref name="va"/>, its prototype PTE at <paramref name="prototype"/>, held
    /// as <paramref name="state"/> says; <paramref name="content"/> is what a resident or standby page holds.
    /// </summary>
    public void MapSectionPage(ulong va, ulong prototype, SectionPageState state, ReadOnlySpan<byte> content, ulong subsection, int protection)
    {
        switch (state)
        {
            case SectionPageState.Resident:
                var frame = FrameWith(content);
                WriteKernel64(prototype, Valid(frame));
                SetPte(va, Valid(frame));
                break;
            case SectionPageState.Transition:
                WriteKernel64(prototype, Transition(FrameWith(content), protection));
                SetPte(va, PrototypePointer(prototype));
                break;
            case SectionPageState.FileOnly:
                WriteKernel64(prototype, SubsectionPte(subsection, protection));
                SetPte(va, PrototypePointer(prototype));
                break;
            default:
                WriteKernel64(prototype, SubsectionPte(subsection, protection));
                SetPte(va, 0);
                break;
        }
    }

    /// <summary>A prototype PTE array of <paramref name="count"/> entries in kernel pool.</summary>
    public ulong PrototypeArray(int count) => AllocateKernel(count * 8, 8);

    /// <summary>
    /// A file section: _FILE_OBJECT (FileName at +0x58), _CONTROL_AREA (Image flag bit 5 or File bit 7, FilePointer
    /// as an _EX_FAST_REF with a reference count in its low bits) and its first _SUBSECTION right after it.
    /// </summary>
    public ulong FileSection(string kernelName, bool image, ulong subsectionBase, uint ptes, uint startingSector) =>
        Section(kernelName, image, [new SubsectionSpec(subsectionBase, ptes, startingSector, 0)])[0];

    /// <summary>One _SUBSECTION: its first prototype PTE, PTE count, StartingSector and, for images, the file bytes it maps (0: not recorded).</summary>
    public readonly record struct SubsectionSpec(ulong SubsectionBase, uint Ptes, uint StartingSector, uint FileBytes);

    /// <summary>
    /// A section with several subsections, chained by NextSubsection after the control area, as an image section has
    /// one per PE section. FileBytes go into NumberOfFullSectors (512-byte sectors) and SectorEndOffset (flag bits 20-31).
    /// </summary>
    public ulong[] Section(string kernelName, bool image, IReadOnlyList<SubsectionSpec> subsections)
    {
        var nameBytes = Encoding.Unicode.GetBytes(kernelName);
        var nameBuffer = AllocateKernel(nameBytes.Length);
        WriteKernel(nameBuffer, nameBytes);
        var fileObject = AllocateKernel(0xD8);
        var unicodeString = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(unicodeString, (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(unicodeString.AsSpan(2), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(unicodeString.AsSpan(8), nameBuffer);
        WriteKernel(fileObject + (ulong)Sections.FileObjectFileName, unicodeString);

        var controlArea = AllocateKernel(Sections.ControlAreaSize + 0x38 * subsections.Count);
        var flags = image ? 1u << Sections.ImageFlagBit | 1u << Sections.FileFlagBit : 1u << Sections.FileFlagBit;
        WriteKernel(controlArea + (ulong)Sections.ControlAreaFlags, BitConverter.GetBytes(flags));
        WriteKernel64(controlArea + (ulong)Sections.ControlAreaFilePointer, fileObject | 0x5);
        var addresses = new ulong[subsections.Count];
        for (var i = 0; i < subsections.Count; i++)
        {
            var spec = subsections[i];
            var subsection = addresses[i] = controlArea + (ulong)Sections.ControlAreaSize + (ulong)(0x38 * i);
            WriteKernel64(subsection, controlArea);
            WriteKernel64(subsection + (ulong)Sections.SubsectionBase, spec.SubsectionBase);
            WriteKernel(subsection + (ulong)Sections.PtesInSubsection, BitConverter.GetBytes(spec.Ptes));
            WriteKernel(subsection + (ulong)Sections.StartingSector, BitConverter.GetBytes(spec.StartingSector));
            WriteKernel(subsection + (ulong)Sections.NumberOfFullSectors, BitConverter.GetBytes(spec.FileBytes / 512));
            WriteKernel(subsection + (ulong)Sections.SubsectionFlags, BitConverter.GetBytes((spec.FileBytes % 512) << 20));
            if (i > 0) WriteKernel64(addresses[i - 1] + (ulong)Sections.NextSubsection, subsection);
        }
        return addresses;
    }

    /// <summary>The production extended space over this image, with or without its pagefile and mapped files.</summary>
    public ExtendedPhysicalSpace Space(bool withPagefile = true, bool withFiles = true) =>
        new(Physical, withPagefile ? new Dictionary<int, IByteSource> { [0] = new TestArraySource(PagefileBytes, "pagefile.sys") } : [],
            withFiles ? new InMemoryFiles(Files) : NoMappedFiles.Instance);

    public WindowsTranslator Translator(bool withPagefile = true, bool withFiles = true) =>
        new(Space(withPagefile, withFiles), Settings, Dtb, new SectionObjectReader(Sections));

    public IVadSource VadSource => new ListVadSource(Vads);

    /// <summary>A page whose first 8 bytes hold <paramref name="value"/> and the rest a pattern derived from it.</summary>
    public static byte[] StampedPage(long value)
    {
        var page = new byte[4096];
        BinaryPrimitives.WriteInt64LittleEndian(page, value);
        for (var i = 8; i < 4096; i++) page[i] = (byte)(value * 13 + i);
        return page;
    }

    private sealed class ListVadSource(List<VadDescriptor> vads) : IVadSource
    {
        public VadDescriptor? FindVad(ulong va) => vads.FirstOrDefault(v => v.Contains(va));
    }
}
