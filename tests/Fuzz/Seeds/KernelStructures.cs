using MemFs.Tests.Demo;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Fuzz.Seeds;

/// <summary>
/// The demo machine's kernel structures as physical fields to mutate: the ActiveProcessLinks ring, each process's
/// VadRoot and VAD nodes (children, VPNs, flags, subsection), the subsection chains of mapped files, page table
/// entries of every level for user pages, and the PE headers of demo.dll, hal.dll and demo.sys.
/// Offsets: 19041 _EPROCESS (<see cref="TestEprocessLayout.Windows10"/>); _MMVAD_SHORT from 1809 on: VadNode
/// Left/Right at 0/8, StartingVpn 0x18, EndingVpn 0x1C, u.VadFlags 0x30; _MMVAD.Subsection at 0x48.
/// </summary>
internal sealed class KernelStructures
{
    private const ulong FrameMask = 0x000F_FFFF_FFFF_F000;
    private readonly List<StructureField> _fields = [];
    private readonly List<ulong> _nodes = [];
    private readonly DemoSystem _demo;

    public KernelStructures(DemoSystem demo)
    {
        _demo = demo;
        var layout = TestEprocessLayout.Windows10;
        var sections = SectionObjectLayout.FromBuildTable(layout.Build);
        var kernelDtb = demo.Image.Dtb;
        foreach (var (name, eprocess, _) in demo.Kernel.Processes) Process(name, eprocess, layout);
        foreach (var p in demo.Processes)
        {
            Process(p.Name, p.Eprocess, layout);
            Vads(p.Name, p.Eprocess + (ulong)layout.VadRoot, kernelDtb, 0);
            foreach (var vad in p.Vads.Take(8))
            {
                PageEntries($"{p.Name} PTE of 0x{vad.Start:X}", p.Dtb, vad.Start);
                if (vad.Subsection != 0) Subsection($"{p.Name} subsection of 0x{vad.Start:X}", vad.Subsection, sections);
            }
        }
        PeHeaders("demo.dll in explorer.exe", demo["explorer.exe"].Dtb, DemoLayout.DemoDll);
        PeHeaders("hal.dll", kernelDtb, DemoLayout.HalBase);
        PeHeaders("demo.sys", kernelDtb, DemoLayout.DemoSysBase);
    }

    public IReadOnlyList<StructureField> Fields => _fields;

    /// <summary>Kernel addresses of list entries, VAD nodes and subsections: values that make loops and cycles.</summary>
    public IReadOnlyList<ulong> Nodes => _nodes;

    private void Process(string name, ulong eprocess, TestEprocessLayout layout)
    {
        var kernelDtb = _demo.Image.Dtb;
        _nodes.Add(eprocess + (ulong)layout.Links);
        Add($"{name} ActiveProcessLinks.Flink", kernelDtb, eprocess + (ulong)layout.Links, 8, FieldKind.Link);
        Add($"{name} ActiveProcessLinks.Blink", kernelDtb, eprocess + (ulong)layout.Links + 8, 8, FieldKind.Link);
        Add($"{name} UniqueProcessId", kernelDtb, eprocess + (ulong)layout.Pid, 8, FieldKind.Number);
        Add($"{name} InheritedFromUniqueProcessId", kernelDtb, eprocess + (ulong)layout.Ppid, 8, FieldKind.Number);
        Add($"{name} Peb", kernelDtb, eprocess + (ulong)layout.Peb, 8, FieldKind.Pointer);
        Add($"{name} ObjectTable", kernelDtb, eprocess + (ulong)layout.ObjectTable, 8, FieldKind.Pointer);
        Add($"{name} SeAuditProcessCreationInfo", kernelDtb, eprocess + (ulong)layout.SeAudit, 8, FieldKind.Pointer);
        Add($"{name} DirectoryTableBase", kernelDtb, eprocess + 0x28, 8, FieldKind.PageEntry);
        Add($"{name} VadRoot", kernelDtb, eprocess + (ulong)layout.VadRoot, 8, FieldKind.Link);
        Add($"{name} PTE of its EPROCESS page", kernelDtb, (ulong)PteAddress(kernelDtb, eprocess, 0), 8, FieldKind.PageEntry, physical: true);
    }

    private void Vads(string name, ulong slot, ulong dtb, int depth)
    {
        var node = Read(dtb, slot);
        if (node == 0 || depth > 12 || _nodes.Contains(node)) return;
        _nodes.Add(node);
        Add($"{name} VAD 0x{node:X} Left", dtb, node, 8, FieldKind.Link);
        Add($"{name} VAD 0x{node:X} Right", dtb, node + 8, 8, FieldKind.Link);
        Add($"{name} VAD 0x{node:X} StartingVpn", dtb, node + 0x18, 4, FieldKind.Number);
        Add($"{name} VAD 0x{node:X} EndingVpn", dtb, node + 0x1C, 4, FieldKind.Number);
        Add($"{name} VAD 0x{node:X} VadFlags", dtb, node + 0x30, 4, FieldKind.Number);
        Add($"{name} VAD 0x{node:X} Subsection", dtb, node + 0x48, 8, FieldKind.Link);
        Vads(name, node, dtb, depth + 1);
        Vads(name, node + 8, dtb, depth + 1);
    }

    private void Subsection(string name, ulong subsection, SectionObjectLayout layout)
    {
        var dtb = _demo.Image.Dtb;
        if (!_nodes.Contains(subsection)) _nodes.Add(subsection);
        Add($"{name} NextSubsection", dtb, subsection + (ulong)layout.NextSubsection, 8, FieldKind.Link);
        Add($"{name} SubsectionBase", dtb, subsection + (ulong)layout.SubsectionBase, 8, FieldKind.Pointer);
        Add($"{name} PtesInSubsection", dtb, subsection + (ulong)layout.PtesInSubsection, 4, FieldKind.Number);
        Add($"{name} StartingSector", dtb, subsection + (ulong)layout.StartingSector, 4, FieldKind.Number);
        Add($"{name} ControlArea", dtb, subsection + (ulong)layout.SubsectionControlArea, 8, FieldKind.Pointer);
    }

    private void PageEntries(string name, ulong dtb, ulong va)
    {
        for (var level = 3; level >= 0; level--)
            Add($"{name} level {level}", dtb, (ulong)PteAddress(dtb, va, level), 8, FieldKind.PageEntry, physical: true);
    }

    /// <summary>IMAGE_DOS_HEADER.e_lfanew, IMAGE_FILE_HEADER, IMAGE_OPTIONAL_HEADER64 sizes and the first section header (PE/COFF spec).</summary>
    private void PeHeaders(string name, ulong dtb, ulong imageBase)
    {
        var lfanew = (uint)Read(dtb, imageBase + 0x3C);
        var nt = imageBase + lfanew;
        Add($"{name} e_lfanew", dtb, imageBase + 0x3C, 4, FieldKind.Number);
        Add($"{name} NumberOfSections", dtb, nt + 6, 2, FieldKind.Number);
        Add($"{name} SizeOfOptionalHeader", dtb, nt + 20, 2, FieldKind.Number);
        Add($"{name} SizeOfImage", dtb, nt + 24 + 56, 4, FieldKind.Number);
        Add($"{name} SizeOfHeaders", dtb, nt + 24 + 60, 4, FieldKind.Number);
        Add($"{name} NumberOfRvaAndSizes", dtb, nt + 24 + 108, 4, FieldKind.Number);
        Add($"{name} base relocation directory RVA", dtb, nt + 24 + 112 + 5 * 8, 4, FieldKind.Number);
        Add($"{name} base relocation directory size", dtb, nt + 24 + 112 + 5 * 8 + 4, 4, FieldKind.Number);
        var sizeOfOptional = (ushort)Read(dtb, nt + 20);
        var section = nt + 24 + sizeOfOptional;
        Add($"{name} section 0 VirtualSize", dtb, section + 8, 4, FieldKind.Number);
        Add($"{name} section 0 VirtualAddress", dtb, section + 12, 4, FieldKind.Number);
        Add($"{name} section 0 SizeOfRawData", dtb, section + 16, 4, FieldKind.Number);
        Add($"{name} section 0 PointerToRawData", dtb, section + 20, 4, FieldKind.Number);
    }

    private void Add(string name, ulong dtb, ulong va, int width, FieldKind kind, bool physical = false)
    {
        var at = physical ? (long)va : Physical(dtb, va);
        if (at >= 0) _fields.Add(new StructureField(name, at, width, kind));
    }

    private ulong Read(ulong dtb, ulong va)
    {
        var at = Physical(dtb, va);
        return at < 0 ? 0 : _demo.Image.ReadPhysical64(at);
    }

    /// <summary>The physical address of <paramref name="va"/> through 4-level x64 paging from <paramref name="dtb"/>; -1 if not mapped by 4 KiB pages.</summary>
    private long Physical(ulong dtb, ulong va)
    {
        var pte = PteAddress(dtb, va, 0);
        if (pte < 0) return -1;
        var entry = _demo.Image.ReadPhysical64(pte);
        return (entry & 1) == 0 ? -1 : (long)(entry & FrameMask) + (long)(va & 0xFFF);
    }

    /// <summary>The physical address of the level-<paramref name="level"/> entry (3: PML4E … 0: PTE) mapping <paramref name="va"/>; -1 if a table above is not present.</summary>
    private long PteAddress(ulong dtb, ulong va, int level)
    {
        var table = (long)(dtb & FrameMask);
        for (var l = 3; ; l--)
        {
            var entry = table + (long)((va >> (12 + 9 * l)) & 0x1FF) * 8;
            if (l == level) return entry;
            var value = _demo.Image.ReadPhysical64(entry);
            if ((value & 1) == 0 || (value & 0x80) != 0) return -1;
            table = (long)(value & FrameMask);
        }
    }
}
