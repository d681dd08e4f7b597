using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Demo;

/// <summary>
/// The demo machine: the synthetic Windows 10 19041 kernel of <see cref="TestKernelImage"/> (System, Registry, smss,
/// csrss, wininit, services) plus explorer.exe, notepad.exe and an unlinked malware.exe laid out by
/// <see cref="TestWindowsSystem"/>, each with its own page tables, PEB, loader list and VAD tree whose pages are in
/// every state (<see cref="DemoLayout"/>); malware.exe holds an injected private EXECUTE_READWRITE PE image and notepad.exe
/// maps demo.dll without a loader list entry. Built in a fixed order from constants only, so it is the same every time.
/// </summary>
internal sealed class DemoSystem
{
    public sealed record Process(string Name, long Pid, long Ppid, bool Linked, DateTime Created, ulong Eprocess, ulong Dtb, ulong Peb,
        string ImagePath, string CommandLine, IReadOnlyList<VadDescriptor> Vads, IReadOnlyList<(ulong Base, uint Size, string FullName)> Modules);

    /// <summary>A file's section: its prototype PTE array, the subsection the prototypes name, and the frames of resident pages.</summary>
    private sealed record Section(string KernelPath, byte[] File, ulong Prototypes, ulong Subsection, long?[] Frames, bool Image)
    {
        public int Pages => Frames.Length;
        public ulong Prototype(int page) => Prototypes + (ulong)page * 8;
    }

    private enum Residency { Resident, Transition, FileOnly }

    private enum Hardware { Valid, Prototype, Zero, VadMarker }

    private const int ReadWrite = 4;
    private const int ReadOnly = 1;
    private const int ExecuteReadWrite = 6;
    private const int ExecuteWriteCopy = 7;
    private const ulong StringsPage = PebRegion + 0xE000;

    private readonly ulong _processHead;
    private readonly ulong _moduleHead;
    private readonly List<Process> _processes = [];
    private readonly int _bulkPages;
    private readonly SortedDictionary<string, byte[]> _acquired = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, byte[]> _images = new(StringComparer.Ordinal);

    /// <param name="bulkPages">Valid pages of a large heap added to malware.exe (<see cref="DemoLayout.MalwareBulk"/>), half
    /// pseudo-random and half text so they compress but not trivially: for measuring memory use on a bigger image.</param>
    public DemoSystem(int bulkPages = 0)
    {
        _bulkPages = bulkPages;
        Kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        Profile = KernelPack.Embedded.TryGetFamily(19041, out _) ?? throw new InvalidOperationException("the embedded pack has no 19041 layout");
        _processHead = Kernel.KernelBase + TestPeImage.PsActiveProcessHead;
        _moduleHead = Kernel.KernelBase + TestPeImage.PsLoadedModuleList;
        for (var i = 0; i < 256; i++)
            if (Image.ReadPhysical64((long)Image.Dtb + i * 8) != 0) throw new InvalidOperationException("the kernel DTB already maps user space");

        KernelModules();
        DemoDllBytes = SyntheticPe.Build("demo.dll", SyntheticPe.Kind.Dll, DemoDll, 2, 1, 2);
        _acquired[DemoDllPath] = DemoDllBytes;
        NotesBytes = Notes();
        _acquired[NotesPath] = NotesBytes;

        var demoDll = CreateSection(@"\Windows\System32\demo.dll", DemoDllBytes,
            [Residency.Resident, Residency.Resident, Residency.FileOnly, Residency.FileOnly, Residency.Transition, Residency.FileOnly]);
        var ntdll = ImageSection(@"\Windows\System32\ntdll.dll", "ntdll.dll", SyntheticPe.Kind.Dll, Ntdll);
        Explorer(demoDll, ntdll);
        Notepad(demoDll, ntdll);
        Malware(ntdll);
        // The boot processes' VadRoot points at a zeroed node (enough for the layout heuristics); here their trees are empty.
        foreach (var boot in Kernel.Processes) Image.WriteKernel64(boot.Eprocess + (ulong)TestEprocessLayout.Windows10.VadRoot, 0);
        PadPhysicalMemory();
    }

    public TestKernelImage Kernel { get; }
    public TestWindowsImage Image => Kernel.Image;
    public KernelProfile Profile { get; }
    public IReadOnlyList<Process> Processes => _processes;
    public List<(ulong Base, uint Size, string FullName)> KernelModuleList { get; } = [];

    /// <summary>Files the volume carries, by Windows path (sorted, so they are written in one order).</summary>
    public IReadOnlyDictionary<string, byte[]> AcquiredFiles => _acquired;
    public byte[] DemoDllBytes { get; }

    /// <summary>The PE file of every image mapped (process images, DLLs, kernel modules) by its path on C: (<c>\Windows\…</c>): a --files tree's content.</summary>
    public IReadOnlyDictionary<string, byte[]> ImageFiles => _images;
    public byte[] NotesBytes { get; }

    /// <summary>The physical runs the image holds (WinPmem's Runs) and the one page in them that could not be read.</summary>
    public IReadOnlyList<(long Start, long Length)> Runs { get; private set; } = [];
    public long UnreadablePage { get; private set; }

    public Process this[string name] => _processes.Single(p => p.Name == name);

    // --- kernel ---

    private void KernelModules()
    {
        var objects = Objects();
        var hal = SyntheticPe.Build("hal.dll", SyntheticPe.Kind.Dll, HalBase, 1, 0, 1);
        var demoSys = SyntheticPe.Build("demo.sys", SyntheticPe.Kind.Driver, DemoSysBase, 1, 1, 1);
        MapKernel(HalBase, hal);
        MapKernel(DemoSysBase, demoSys);
        _images[@"\Windows\System32\hal.dll"] = hal;
        _images[@"\Windows\System32\drivers\demo.sys"] = demoSys;
        _acquired[DemoSysPath] = demoSys;
        AddKernelModule(objects, Kernel.KernelBase, TestPeImage.SizeOfImage, @"\SystemRoot\system32\ntoskrnl.exe");
        AddKernelModule(objects, HalBase, (uint)hal.Length, @"\SystemRoot\system32\hal.dll");
        AddKernelModule(objects, DemoSysBase, (uint)demoSys.Length, @"\SystemRoot\System32\drivers\demo.sys");
    }

    private void AddKernelModule(TestWindowsSystem objects, ulong dllBase, uint size, string path)
    {
        objects.AddKernelModule(dllBase, size, path);
        KernelModuleList.Add((dllBase, size, path));
    }

    private void MapKernel(ulong va, byte[] bytes)
    {
        for (var page = 0; page * Page < bytes.Length; page++)
            Image.SetPte(va + (ulong)(page * Page), TestWindowsImage.Valid(Image.FrameWith(bytes.AsSpan(page * Page, Page))));
    }

    // --- processes ---

    /// <summary>
    /// A fresh object writer per process: its user allocations start at the same address, in user tables that the
    /// process takes with it (<see cref="DetachUserSpace"/>) before the next one is built.
    /// </summary>
    private TestWindowsSystem Objects() => new(Profile, Image, _processHead, _moduleHead);

    private void Explorer(Section demoDll, Section ntdll)
    {
        var exe = ImageSection(@"\Windows\explorer.exe", "explorer.exe", SyntheticPe.Kind.Executable, ExplorerExe);
        var vads = new List<VadDescriptor>();
        for (var page = 0; page < ExplorerHeapPages; page++)
            Valid(ExplorerHeap, page, TextPage(Line("explorer.exe", "heap", page)));
        vads.Add(Private(ExplorerHeap, 16, true, ReadWrite));
        Stack(vads, ExplorerStack, "explorer.exe", committedDemandZero: true);
        Map(vads, ExplorerExe, exe, [Hardware.Valid, Hardware.Valid, Hardware.Prototype, Hardware.Prototype]);
        Map(vads, Ntdll, ntdll, [Hardware.Valid, Hardware.Prototype, Hardware.Prototype, Hardware.Zero]);
        Map(vads, DemoDll, demoDll, [Hardware.Valid, Hardware.Prototype, Hardware.Prototype, Hardware.Prototype, Hardware.Prototype, Hardware.Prototype]);
        AddProcess("explorer.exe", ExplorerPid, ExplorerParentPid, new DateTime(2021, 2, 21, 1, 0, 42, DateTimeKind.Utc), true,
            @"C:\Windows\explorer.exe", @"C:\Windows\Explorer.EXE", ExplorerExe, vads,
            [(ExplorerExe, exe), (Ntdll, ntdll), (DemoDll, demoDll)], [@"C:\Windows\explorer.exe", @"C:\Windows\SYSTEM32\ntdll.dll", DemoDllPath]);
    }

    private void Notepad(Section demoDll, Section ntdll)
    {
        var exe = ImageSection(@"\Windows\System32\notepad.exe", "notepad.exe", SyntheticPe.Kind.Executable, NotepadExe);
        var vads = new List<VadDescriptor>();
        for (var page = 0; page < 16; page++)
        {
            if (page < NotepadHeapValidPages) Valid(NotepadHeap, page, TextPage(Line("notepad.exe", "heap", page)));
            else Image.SetPte(NotepadHeap + (ulong)page * Page, 0);
        }
        vads.Add(Private(NotepadHeap, 16, true, ReadWrite));

        // The document buffer: a page in every state a private page can be in.
        var page2 = 0;
        for (; page2 < DocumentValidPages; page2++) Valid(NotepadDocument, page2, TextPage(Line("notepad.exe", "document", page2)));
        for (var k = 0; k < DocumentPagefilePages; k++, page2++)
            Image.SetPte(At(NotepadDocument, page2), Image.Pagefile(0, Image.PagefilePage(TextPage(Line("notepad.exe", "document", page2, PagefileNote))), ReadWrite));
        for (var k = 0; k < DocumentTransitionPages; k++, page2++)
            Image.SetPte(At(NotepadDocument, page2), Image.Transition(Image.FrameWith(TextPage(Line("notepad.exe", "document", page2, TransitionNote))), ReadWrite));
        Image.SetPte(At(NotepadDocument, page2++), Image.DemandZero(ReadWrite));
        for (; page2 < 16; page2++) Image.SetPte(At(NotepadDocument, page2), 0);
        vads.Add(Private(NotepadDocument, 16, true, ReadWrite));

        // A data file view of notes.txt: StartingSector counts pages for data sections.
        var notes = CreateSection(@"\Users\analyst\Documents\notes.txt", NotesBytes, [Residency.FileOnly, Residency.FileOnly], image: false, protection: ReadOnly);
        Image.SetPte(NotepadNotesView, Image.VadMarker(ReadOnly));
        Image.SetPte(At(NotepadNotesView, 1), 0);
        vads.Add(new VadDescriptor(NotepadNotesView, NotepadNotesView + 2 * Page - 1, false, false, ReadOnly, notes.Prototypes, notes.Prototype(1),
            notes.Subsection, notes.KernelPath, Kind: "Vad "));

        Stack(vads, NotepadStack, "notepad.exe", committedDemandZero: false);
        Map(vads, NotepadExe, exe, [Hardware.Valid, Hardware.Valid, Hardware.Prototype, Hardware.Zero]);
        Map(vads, Ntdll, ntdll, [Hardware.Valid, Hardware.Valid, Hardware.Prototype, Hardware.Prototype]);
        // demo.dll is mapped but unlinked from notepad's loader list, as a module hides itself: an image VAD with no loader entry.
        Map(vads, DemoDll, demoDll, [Hardware.Valid, Hardware.Prototype, Hardware.Prototype, Hardware.Zero, Hardware.Prototype, Hardware.Zero]);
        AddProcess("notepad.exe", NotepadPid, ExplorerPid, new DateTime(2021, 2, 21, 1, 12, 7, DateTimeKind.Utc), true,
            @"C:\Windows\System32\notepad.exe", $"\"C:\\Windows\\System32\\notepad.exe\" {NotesPath}", NotepadExe, vads,
            [(NotepadExe, exe), (Ntdll, ntdll)], [@"C:\Windows\System32\notepad.exe", @"C:\Windows\SYSTEM32\ntdll.dll"]);
    }

    private void Malware(Section ntdll)
    {
        const string path = @"C:\Users\analyst\AppData\Local\Temp\malware.exe";
        var exe = ImageSection(@"\Users\analyst\AppData\Local\Temp\malware.exe", "malware.exe", SyntheticPe.Kind.Executable, MalwareExe);
        var vads = new List<VadDescriptor>();
        Valid(MalwareHeap, 0, TextPage(Line("malware.exe", "heap", 0)));
        Valid(MalwareHeap, 1, TextPage(Line("malware.exe", "heap", 1, "beacon " + MalwareUrl)));
        vads.Add(Private(MalwareHeap, 4, true, ReadWrite));
        var payload = SyntheticPe.Build("payload.bin", SyntheticPe.Kind.Dll, MalwareInjected, 1, 0, 0);
        Valid(MalwareInjected, 0, payload[..Page]);
        Valid(MalwareInjected, 1, payload[Page..]);
        vads.Add(Private(MalwareInjected, 2, true, ExecuteReadWrite));
        if (_bulkPages > 0)
        {
            var random = new Random(0x5EED);
            var content = new byte[Page];
            for (var page = 0; page < _bulkPages; page++)
            {
                random.NextBytes(content.AsSpan(0, Page / 2));
                Encoding.ASCII.GetBytes(Line("malware.exe", "bulk", page).PadRight(Page / 2, '.')).AsSpan(0, Page / 2).CopyTo(content.AsSpan(Page / 2));
                Valid(MalwareBulk, page, content);
            }
            vads.Add(Private(MalwareBulk, _bulkPages, true, ReadWrite));
        }
        Map(vads, MalwareExe, exe, [Hardware.Valid, Hardware.Valid, Hardware.Prototype, Hardware.Prototype]);
        Map(vads, Ntdll, ntdll, [Hardware.Valid, Hardware.Prototype, Hardware.Zero, Hardware.Zero]);
        AddProcess("malware.exe", MalwarePid, ExplorerPid, new DateTime(2021, 2, 21, 1, 31, 55, DateTimeKind.Utc), false,
            path, "malware.exe -silent", MalwareExe, vads, [(MalwareExe, exe), (Ntdll, ntdll)], [path, @"C:\Windows\SYSTEM32\ntdll.dll"]);
    }

    /// <summary>A stack: 16 pages reserved, the top two valid; with <paramref name="committedDemandZero"/> the page below them committed but untouched.</summary>
    private void Stack(List<VadDescriptor> vads, ulong start, string process, bool committedDemandZero)
    {
        for (var page = 0; page < 14; page++) Image.SetPte(At(start, page), 0);
        if (committedDemandZero) Image.SetPte(At(start, 13), Image.DemandZero(ReadWrite));
        Valid(start, 14, TextPage(Line(process, "stack", 14)));
        Valid(start, 15, TextPage(Line(process, "stack", 15)));
        vads.Add(Private(start, 16, false, ReadWrite));
    }

    private void AddProcess(string name, long pid, long ppid, DateTime created, bool linked, string imagePath, string commandLine, ulong imageBase,
        List<VadDescriptor> vads, (ulong Base, Section Section)[] images, string[] moduleNames)
    {
        var objects = Objects();
        var built = objects.AddProcess(pid, ppid, name, created, linked);
        SetParameters(built.Peb, imagePath, commandLine);
        if (Profile.Offset("_PEB.ImageBaseAddress") is { } imageBaseOffset) Image.WriteKernelOrUser(built.Peb + (ulong)imageBaseOffset, imageBase);
        if (Profile.Offset("_EPROCESS.SectionBaseAddress") is { } sectionBase) Image.WriteKernel64(built.Eprocess + (ulong)sectionBase, imageBase);
        for (var i = 0; i < images.Length; i++)
            objects.AddProcessModule(built, images[i].Base, (uint)images[i].Section.File.Length, moduleNames[i]);

        // Everything the PEB region's allocations did not touch is committed but untouched: zero PTEs.
        for (var page = 0; page < PebRegionPages; page++)
        {
            var va = At(PebRegion, page);
            if ((Image.ReadPhysical64(Image.EntryAddress(va, 0)) & 1) == 0) Image.SetPte(va, 0);
        }
        vads.Add(Private(PebRegion, PebRegionPages, true, ReadWrite));
        built.Vads.AddRange(vads);
        objects.WriteVadTree(built);

        var dtb = Image.DetachUserSpace(Kernel.SelfIndex);
        Image.WriteKernel64(built.Eprocess + (ulong)Profile.Require("_KPROCESS.DirectoryTableBase"), dtb);
        _processes.Add(new Process(name, pid, ppid, linked, created, built.Eprocess, dtb, built.Peb, imagePath, commandLine,
            built.Vads.ToList(), built.Modules.Select(m => (m.Base, m.Size, m.FullName)).ToList()));
    }

    /// <summary>ImagePathName and CommandLine in the process parameters, pointing at a page of their own in the PEB region.</summary>
    private void SetParameters(ulong peb, string imagePath, string commandLine)
    {
        Image.SetPte(StringsPage, TestWindowsImage.Valid(Image.AllocateFrame()));
        var parameters = Image.ReadVirtual64(peb + (ulong)Profile.Require("_PEB.ProcessParameters"));
        var next = StringsPage;
        foreach (var (field, text) in new[] { ("ImagePathName", imagePath), ("CommandLine", commandLine) })
        {
            var bytes = Encoding.Unicode.GetBytes(text);
            Image.WriteBytes(next, bytes);
            var header = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)bytes.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)(bytes.Length + 2));
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), next);
            Image.WriteBytes(parameters + (ulong)Profile.Require($"_RTL_USER_PROCESS_PARAMETERS.{field}"), header);
            next += (ulong)(bytes.Length + 2 + 15) & ~15UL;
        }
    }

    // --- sections and pages ---

    private Section ImageSection(string kernelPath, string name, SyntheticPe.Kind kind, ulong imageBase) =>
        CreateSection(kernelPath, SyntheticPe.Build(name, kind, imageBase, 1, 1, 1),
            [Residency.Resident, Residency.Resident, Residency.FileOnly, Residency.FileOnly]);

    /// <summary>
    /// A file section with one subsection over the whole file (images: StartingSector in 512-byte sectors, data files:
    /// in pages; both 0 here) and its prototype PTEs: resident pages hold the file's bytes in a frame, transition
    /// pages too (on the standby list), file-only pages point at the subsection.
    /// </summary>
    private Section CreateSection(string kernelPath, byte[] file, Residency[] pages, bool image = true, int protection = ExecuteWriteCopy)
    {
        if (image) _images[kernelPath] = file;
        var prototypes = Image.PrototypeArray(pages.Length);
        var subsection = Image.FileSection(kernelPath, image, prototypes, (uint)pages.Length, 0);
        var frames = new long?[pages.Length];
        for (var k = 0; k < pages.Length; k++)
        {
            var content = file.AsSpan(k * Page, Page);
            var slot = prototypes + (ulong)k * 8;
            switch (pages[k])
            {
                case Residency.Resident:
                    frames[k] = Image.FrameWith(content);
                    Image.WriteKernel64(slot, TestWindowsImage.Valid(frames[k]!.Value));
                    break;
                case Residency.Transition:
                    Image.WriteKernel64(slot, Image.Transition(Image.FrameWith(content), protection));
                    break;
                default:
                    Image.WriteKernel64(slot, Image.SubsectionPte(subsection, protection));
                    break;
            }
        }
        return new Section(kernelPath, file, prototypes, subsection, frames, image);
    }

    /// <summary>A view of <paramref name="section"/> at <paramref name="va"/>, each page's hardware PTE as given.</summary>
    private void Map(List<VadDescriptor> vads, ulong va, Section section, Hardware[] hardware)
    {
        for (var k = 0; k < section.Pages; k++)
        {
            var pte = hardware[k] switch
            {
                Hardware.Valid => TestWindowsImage.Valid(section.Frames[k] ?? throw new InvalidOperationException($"page {k} of {section.KernelPath} is not resident")),
                Hardware.Prototype => Image.PrototypePointer(section.Prototype(k)),
                Hardware.VadMarker => Image.VadMarker(ExecuteWriteCopy),
                _ => 0UL,
            };
            Image.SetPte(At(va, k), pte);
        }
        vads.Add(new VadDescriptor(va, va + (ulong)section.Pages * Page - 1, false, false, ExecuteWriteCopy, section.Prototypes,
            section.Prototype(section.Pages - 1), section.Subsection, section.KernelPath, Kind: "Vad VadImageMap"));
    }

    private void Valid(ulong region, int page, byte[] content) => Image.SetPte(At(region, page), TestWindowsImage.Valid(Image.FrameWith(content)));

    private static VadDescriptor Private(ulong start, int pages, bool commit, int protection) =>
        new(start, start + (ulong)pages * Page - 1, true, commit, protection, 0, 0, 0, null, Kind: "VadS");

    private static ulong At(ulong region, int page) => region + (ulong)page * Page;

    private static byte[] Notes()
    {
        var text = new StringBuilder();
        for (var line = 0; text.Length < 2 * Page - 200; line++)
            text.Append($"MemFs demo: notes.txt line {line}: the analyst's notes, mapped by notepad.exe\n");
        var bytes = new byte[2 * Page];
        Encoding.ASCII.GetBytes(text.ToString()).CopyTo(bytes, 0);
        return bytes;
    }

    // --- physical memory ---

    /// <summary>
    /// Low memory 0x1000-0x9F000 and the frames from 0x100000 up (rounded up to a MiB with zero pages) are the runs;
    /// one page of the padding is recorded as unreadable, as WinPmem records pages it could not read.
    /// </summary>
    private void PadPhysicalMemory()
    {
        var physical = Image.Physical;
        for (long a = 0x1000; a < 0x9F000; a += Page) physical.Page(a);
        var end = physical.Runs[^1].End;
        var top = (end + 0x20000 + 0xFFFFF) & ~0xFFFFFL;
        for (var a = end; a < top; a += Page) physical.Page(a);
        UnreadablePage = top - 0x10000;
        Runs = physical.Runs.Select(r => (r.Start, r.Length)).ToList();
    }
}
