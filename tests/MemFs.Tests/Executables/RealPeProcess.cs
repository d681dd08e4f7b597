using System.Buffers.Binary;
using System.Text.Json;
using MemFs.Tests.Support;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Executables;

/// <summary>
/// A synthetic Windows 10 image whose process victim.exe has a real PE (../shared/data/pe/win10-19041/kernel32.dll)
/// mapped at its ImageBase as its main image and first module: one image section with a subsection per PE section
/// (NumberOfFullSectors/SectorEndOffset from SizeOfRawData), and its pages in every state recovery meets:
/// resident, modified in memory (a hook: a private copy-on-write page), transition, only in the file (prototype or
/// zero PTE → subsection), absent (a private page in a pagefile that is not supplied), and demand zero past a
/// section's file data. The expected files are built here from expected.json's section table, not from MemFs code.
/// </summary>
internal sealed class RealPeProcess : IDisposable
{
    public const string KernelPath = @"\Windows\System32\kernel32.dll";
    public const long Pid = 0x1A2C;
    public const string Name = "victim.exe";
    public const int Page = 4096;

    /// <summary>CreateFileW's RVA in kernel32 19041 (expected.json); the hook overwrites its first bytes.</summary>
    public const uint HookRva = 0x24B00;
    public static readonly byte[] HookBytes = [0xE9, 0xFB, 0x0F, 0x00, 0xC0];

    public enum State { Resident, Modified, Transition, FileOnly, ZeroPteFileOnly, Absent, PastFileData }

    /// <param name="loadBase">Where the image is mapped; away from its preferred base the resident pages hold
    /// relocated bytes (as the loader leaves them) and file-only pages the file's own.</param>
    /// <param name="headerKeepsPreferredBase">Leave the file's preferred base in the mapped header's ImageBase instead of the
    /// load address (both are seen: the field is the loader's to write).</param>
    public RealPeProcess(bool damagedHeaders = false, ulong? loadBase = null, bool headerKeepsPreferredBase = false)
    {
        var facts = PeFacts.Load("win10-19041/kernel32.dll");
        Facts = facts;
        Original = File.ReadAllBytes(PeFacts.PathOf("win10-19041/kernel32.dll"));
        LoadBase = loadBase ?? facts.ImageBase;
        MappedRaw = facts.MapImage(Original);
        Mapped = facts.MapImage(PeFacts.Relocate(Original, LoadBase));
        if (headerKeepsPreferredBase) BinaryPrimitives.WriteUInt64LittleEndian(Mapped.AsSpan(PeFacts.ImageBaseOffset(Original)), facts.ImageBase);
        States = PlanStates(facts);

        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var process = objects.AddProcess(Pid, 0x58, Name, new DateTime(2021, 2, 21, 2, 0, 0, DateTimeKind.Utc));
        var image = kernel.Image;
        var imageBase = LoadBase;
        var pages = facts.SizeOfImage / Page;
        var prototypes = image.PrototypeArray(pages);
        var subsections = image.Section(KernelPath, true, facts.Subsections(prototypes));
        ulong SubsectionOf(int page) => subsections[facts.SubsectionIndex(page)];

        for (var page = 0; page < pages; page++)
        {
            var va = imageBase + (ulong)page * Page;
            var prototype = prototypes + (ulong)page * 8;
            var content = Mapped.AsSpan(page * Page, Page);
            var subsectionPte = image.SubsectionPte(SubsectionOf(page), 7);
            switch (States[page])
            {
                case State.Modified:
                    image.WriteKernel64(prototype, subsectionPte);
                    var copy = content.ToArray();
                    HookBytes.CopyTo(copy, (int)(HookRva % Page));
                    image.SetPte(va, TestWindowsImage.Valid(image.FrameWith(copy)));
                    break;
                case State.Absent:
                    image.WriteKernel64(prototype, subsectionPte);
                    image.SetPte(va, image.Pagefile(0, image.PagefilePage(content), 4));
                    break;
                default:
                    var state = States[page] switch
                    {
                        State.Resident => SectionPageState.Resident,
                        State.Transition => SectionPageState.Transition,
                        State.ZeroPteFileOnly => SectionPageState.ZeroPteFileOnly,
                        _ => SectionPageState.FileOnly,
                    };
                    image.MapSectionPage(va, prototype, state, content, SubsectionOf(page), 7);
                    break;
            }
        }
        // A process that wrote over its own headers: the header page is private and paged out with no pagefile.
        if (damagedHeaders) image.SetPte(imageBase, image.Pagefile(0, image.PagefilePage(Mapped.AsSpan(0, Page)), 4));

        process.Vads.Add(new VadDescriptor(imageBase, imageBase + (ulong)facts.SizeOfImage - 1, false, false, 7, prototypes, prototypes + (ulong)(pages - 1) * 8,
            subsections[0], KernelPath, Kind: "Vad VadImageMap"));
        objects.WriteVadTree(process);
        objects.AddProcessModule(process, imageBase, (uint)facts.SizeOfImage, "C:" + KernelPath);
        image.WriteKernelOrUser(process.Peb + (ulong)profile.Require("_PEB.ImageBaseAddress"), imageBase);
        image.WriteKernel64(process.Eprocess + (ulong)profile.Require("_EPROCESS.SectionBaseAddress"), imageBase);

        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-pe-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, image.Physical.ToRaw());
        Files = Path.Combine(Directory, "files");
        var onDisk = Path.Combine(Files, "Windows", "System32");
        System.IO.Directory.CreateDirectory(onDisk);
        File.WriteAllBytes(Path.Combine(onDisk, "kernel32.dll"), Original);
        CollectedFiles = Path.Combine(Directory, "collected");
        var collected = Path.Combine(CollectedFiles, "uploads", "auto", "C%3A", "Windows", "System32");
        System.IO.Directory.CreateDirectory(collected);
        File.WriteAllBytes(Path.Combine(collected, "kernel32.dll"), Original);
    }

    /// <summary>The same file in a collection tool's layout: a drive-letter folder two levels down (uploads/auto/C%3A/…).</summary>
    public string CollectedFiles { get; }

    public PeFacts Facts { get; }
    public byte[] Original { get; }

    public ulong LoadBase { get; }

    /// <summary>The image as Windows maps it at <see cref="LoadBase"/> (relocated), before the hook.</summary>
    public byte[] Mapped { get; }

    /// <summary>The file's bytes in memory layout, unrelocated: what a page read from the file holds.</summary>
    public byte[] MappedRaw { get; }
    public State[] States { get; }
    public string Directory { get; }
    public string Raw { get; }

    /// <summary>A --files folder holding the original file at its Windows path.</summary>
    public string Files { get; }
    public string ProcessDirectory => $"/processes/{Pid}-{Name}";

    public IEnumerable<int> PagesIn(State state) => Enumerable.Range(0, States.Length).Where(p => States[p] == state);

    /// <summary>memory.bin as MemFs must serve it: the mapping with the hook; absent pages (and, without the file, file-only pages) zero-filled.</summary>
    public byte[] ExpectedMemory(bool withFile)
    {
        var bytes = Mapped.ToArray();
        HookBytes.CopyTo(bytes, (int)HookRva);
        foreach (var page in PagesIn(State.FileOnly).Concat(PagesIn(State.ZeroPteFileOnly)))
            MappedRaw.AsSpan(page * Page, Page).CopyTo(bytes.AsSpan(page * Page));
        foreach (var page in Enumerable.Range(0, States.Length).Where(p => ZeroFilled(p, withFile)))
            Array.Clear(bytes, page * Page, Page);
        return bytes;
    }

    /// <summary>executable.exe as MemFs must serve it: the original with the hook, zeros where pages are zero-filled, the overlay only with the file.</summary>
    public byte[] ExpectedExecutable(bool withFile)
    {
        var bytes = withFile ? Original.ToArray() : Original[..(int)Facts.RawEnd];
        Facts.Unmap(ExpectedMemory(withFile), bytes);
        return bytes;
    }

    /// <summary>The file ranges of executable.exe that hold zeros because their page was neither in memory nor on disk.</summary>
    public IReadOnlyList<(long Offset, long Length)> ExpectedZeroFilled(bool withFile)
    {
        var ranges = new List<(long Offset, long Length)>();
        foreach (var page in Enumerable.Range(0, States.Length).Where(p => ZeroFilled(p, withFile)))
            foreach (var range in Facts.FileRangesOf((uint)(page * Page), Page))
                if (ranges.Count > 0 && ranges[^1].Offset + ranges[^1].Length == range.Offset) ranges[^1] = (ranges[^1].Offset, ranges[^1].Length + range.Length);
                else ranges.Add(range);
        return ranges;
    }

    /// <summary>The --files copy of the file on disk.</summary>
    public string FileOnDisk => Path.Combine(Files, "Windows", "System32", "kernel32.dll");

    /// <summary>
    /// executable.exe as MemFs must serve it when the file on disk ends at <paramref name="length"/>: as with the file
    /// (as long as its headers say, the certificate table ending it), but the bytes of file-only pages and of the
    /// overlay at file offsets from <paramref name="length"/> on are zeros.
    /// </summary>
    public byte[] ExpectedExecutableWithFileCutAt(long length)
    {
        var bytes = ExpectedExecutable(withFile: true);
        foreach (var (offset, end) in LostFileOnlyRanges(length).Concat(LostOverlay(length))) Array.Clear(bytes, (int)offset, (int)(end - offset));
        return bytes;
    }

    /// <summary>The zero-filled file ranges of executable.exe when the file on disk ends at <paramref name="length"/>, merged.</summary>
    public IReadOnlyList<(long Offset, long End)> ExpectedZeroFilledWithFileCutAt(long length)
    {
        var ranges = ExpectedZeroFilled(withFile: true).Select(r => (r.Offset, End: r.Offset + r.Length)).Concat(LostFileOnlyRanges(length)).Concat(LostOverlay(length)).OrderBy(r => r.Offset);
        var merged = new List<(long Offset, long End)>();
        foreach (var r in ranges)
            if (merged.Count > 0 && merged[^1].End >= r.Offset) merged[^1] = (merged[^1].Offset, Math.Max(merged[^1].End, r.End));
            else merged.Add(r);
        return merged;
    }

    /// <summary>The part of the overlay (after the last section's raw data) that lies at or past <paramref name="length"/>.</summary>
    private IEnumerable<(long Offset, long End)> LostOverlay(long length)
    {
        var from = Math.Max(length, Facts.RawEnd);
        if (from < Original.Length) yield return (from, Original.Length);
    }

    /// <summary>The file ranges of file-only pages that lie at or past <paramref name="length"/>.</summary>
    private IEnumerable<(long Offset, long End)> LostFileOnlyRanges(long length) =>
        PagesIn(State.FileOnly).Concat(PagesIn(State.ZeroPteFileOnly))
            .SelectMany(page => Facts.FileRangesOf((uint)(page * Page), Page))
            .Select(r => (Offset: Math.Max(r.Offset, length), End: r.Offset + r.Length))
            .Where(r => r.Offset < r.End);

    private bool ZeroFilled(int page, bool withFile) =>
        States[page] == State.Absent || (!withFile && States[page] is State.FileOnly or State.ZeroPteFileOnly);

    /// <summary>Which page is in which state (by RVA page; see the class summary).</summary>
    private static State[] PlanStates(PeFacts facts)
    {
        var states = new State[facts.SizeOfImage / Page];
        var section = facts.Sections.ToDictionary(s => s.Name, s => (First: (int)(s.VirtualAddress / Page), Pages: (int)((s.VirtualSize + Page - 1) / Page)));
        void Set(string name, int from, int to, State state)
        {
            for (var p = section[name].First + from; p < section[name].First + Math.Min(to, section[name].Pages); p++) states[p] = state;
        }
        Set(".text", 40, 90, State.FileOnly);
        Set(".text", 90, 100, State.Transition);
        Set(".text", 100, 110, State.ZeroPteFileOnly);
        Set(".text", 110, 200, State.FileOnly);
        states[HookRva / Page] = State.Modified;
        Set(".rdata", 24, 44, State.FileOnly);
        Set(".rdata", 44, 47, State.Absent);
        Set(".rdata", 47, 200, State.FileOnly);
        Set(".data", 0, 1, State.Absent);
        Set(".data", 1, 2, State.PastFileData);
        Set(".pdata", 0, 10, State.FileOnly);
        Set(".rsrc", 0, 1, State.FileOnly);
        Set(".reloc", 0, 1, State.FileOnly);
        return states;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}

/// <summary>The PE facts of one file in ../shared/data/pe, read from its expected.json (not from the file by MemFs code).</summary>
internal sealed class PeFacts
{
    public sealed record Section(string Name, uint VirtualAddress, uint VirtualSize, uint SizeOfRawData, uint PointerToRawData);

    public required ulong ImageBase { get; init; }
    public required int SizeOfImage { get; init; }
    public required uint SizeOfHeaders { get; init; }
    public required IReadOnlyList<Section> Sections { get; init; }

    /// <summary>Where the last section's raw data ends: the overlay starts here.</summary>
    public long RawEnd => Sections.Max(s => (long)s.PointerToRawData + s.SizeOfRawData);

    public static string PathOf(string name) => SharedData.Require(Path.Combine("pe", name));

    public static PeFacts Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("pe/expected.json")));
        var file = json.RootElement.GetProperty("files").GetProperty(name);
        static uint Hex(JsonElement e, string field) => Convert.ToUInt32(e.GetProperty(field).GetString(), 16);
        return new PeFacts
        {
            ImageBase = Convert.ToUInt64(file.GetProperty("ImageBase").GetString(), 16),
            SizeOfImage = (int)Hex(file, "SizeOfImage"),
            SizeOfHeaders = Hex(file, "SizeOfHeaders"),
            Sections = file.GetProperty("sections").EnumerateArray()
                .Select(s => new Section(s.GetProperty("Name").GetString()!, Hex(s, "VirtualAddress"), Hex(s, "VirtualSize"), Hex(s, "SizeOfRawData"), Hex(s, "PointerToRawData")))
                .ToList(),
        };
    }

    /// <summary>How Windows maps the file: headers, then each section's raw data (at most its page-rounded VirtualSize) at its RVA.</summary>
    public byte[] MapImage(byte[] file)
    {
        var image = new byte[SizeOfImage];
        file.AsSpan(0, (int)SizeOfHeaders).CopyTo(image);
        foreach (var s in Sections) file.AsSpan((int)s.PointerToRawData, (int)MappedBytes(s)).CopyTo(image.AsSpan((int)s.VirtualAddress));
        return image;
    }

    private static uint MappedBytes(Section s) => Math.Min(s.SizeOfRawData, (s.VirtualSize + 0xFFFu) & ~0xFFFu);

    /// <summary>Copies the headers and each section's mapped bytes from <paramref name="image"/> back to their file offsets.</summary>
    public void Unmap(byte[] image, byte[] file)
    {
        image.AsSpan(0, (int)SizeOfHeaders).CopyTo(file);
        foreach (var s in Sections) image.AsSpan((int)s.VirtualAddress, (int)MappedBytes(s)).CopyTo(file.AsSpan((int)s.PointerToRawData));
    }

    /// <summary>
    /// The file as the loader relocates it for <paramref name="loadBase"/>: every DIR64 entry of its .reloc blocks and
    /// the optional header's ImageBase moved by the difference (the test's own reading of the format).
    /// </summary>
    /// <summary>Where a PE32+ file holds OptionalHeader.ImageBase: e_lfanew + signature + file header + 24.</summary>
    public static int ImageBaseOffset(byte[] file) => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(0x3C)) + 4 + 20 + 24;

    public static byte[] Relocate(byte[] original, ulong loadBase)
    {
        var file = original.ToArray();
        var imageBaseAt = ImageBaseOffset(file);
        var delta = loadBase - BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(imageBaseAt));
        if (delta == 0) return file;
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(imageBaseAt), loadBase);
        var facts = FromFile(file);
        var reloc = facts.Sections.Single(s => s.Name == ".reloc");
        for (var block = (int)reloc.PointerToRawData; block < reloc.PointerToRawData + reloc.VirtualSize;)
        {
            var page = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(block));
            var size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(block + 4));
            if (size < 8) break;
            for (var entry = block + 8; entry < block + size; entry += 2)
            {
                var value = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(entry));
                if (value >> 12 != 10) continue;
                var at = (int)facts.FileOffsetOf(page + (uint)(value & 0xFFF));
                BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(at), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at)) + delta);
            }
            block += size;
        }
        return file;
    }

    /// <summary>The section table read straight from a PE file's bytes.</summary>
    private static PeFacts FromFile(byte[] file)
    {
        var pe = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(0x3C));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(pe + 6));
        var table = pe + 24 + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(pe + 20));
        return new PeFacts
        {
            ImageBase = 0, SizeOfImage = 0, SizeOfHeaders = 0,
            Sections = Enumerable.Range(0, count).Select(i => file.AsSpan(table + i * 40, 40).ToArray()).Select(h => new Section(
                System.Text.Encoding.ASCII.GetString(h, 0, 8).TrimEnd('\0'), BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(12)), BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(8)),
                BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(16)), BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(20)))).ToList(),
        };
    }

    /// <summary>Subsections: the headers, then one per section, with the file bytes each maps.</summary>
    public IReadOnlyList<TestWindowsImage.SubsectionSpec> Subsections(ulong prototypes) =>
    [
        new(prototypes, 1, 0, SizeOfHeaders),
        .. Sections.Select(s => new TestWindowsImage.SubsectionSpec(prototypes + s.VirtualAddress / 4096 * 8, (s.VirtualSize + 0xFFFu) / 4096, s.PointerToRawData / 512, MappedBytes(s))),
    ];

    public int SubsectionIndex(int page)
    {
        for (var i = Sections.Count - 1; i >= 0; i--)
            if ((uint)page * 4096 >= Sections[i].VirtualAddress) return i + 1;
        return 0;
    }

    public long FileOffsetOf(uint rva)
    {
        var s = Sections.Single(s => rva >= s.VirtualAddress && rva < s.VirtualAddress + s.VirtualSize);
        return s.PointerToRawData + (rva - s.VirtualAddress);
    }

    /// <summary>The file bytes that hold image bytes [rva, rva + length).</summary>
    public IEnumerable<(long Offset, long Length)> FileRangesOf(uint rva, int length)
    {
        if (rva < SizeOfHeaders) yield return (rva, Math.Min(length, SizeOfHeaders - rva));
        foreach (var s in Sections)
        {
            var start = Math.Max(rva, s.VirtualAddress);
            var end = Math.Min(rva + (uint)length, s.VirtualAddress + MappedBytes(s));
            if (start < end) yield return (s.PointerToRawData + (start - s.VirtualAddress), end - start);
        }
    }
}
