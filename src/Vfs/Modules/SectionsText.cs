using System.Text;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Modules;

/// <summary>sections.txt: the image's section table, each section's access decoded from its Characteristics.</summary>
internal static class SectionsText
{
    // IMAGE_SECTION_HEADER.Characteristics (PE format, "Section Flags").
    private const uint ContainsCode = 0x0000_0020;
    private const uint InitializedData = 0x0000_0040;
    private const uint UninitializedData = 0x0000_0080;
    private const uint Discardable = 0x0200_0000;
    private const uint Shared = 0x1000_0000;
    private const uint Execute = 0x2000_0000;
    private const uint Read = 0x4000_0000;
    private const uint Write = 0x8000_0000;

    public static string Render(ModuleImage module, string owner)
    {
        var text = new StringBuilder();
        foreach (var line in module.SourceLines("sections.txt", owner)) text.Append(line).Append('\n');
        var view = module.View;
        text.Append($"# {view.Sections.Count} sections; SectionAlignment 0x{view.File.SectionAlignment:X}, FileAlignment 0x{view.File.FileAlignment:X}, SizeOfHeaders 0x{view.File.SizeOfHeaders:X}\n");
        text.Append($"# {"name",-8} {"VA",-18} {"RVA",-10} {"VirtSize",-10} {"RawPtr",-10} {"RawSize",-10} {"Flags",-10} access\n");
        foreach (var s in view.Sections)
        {
            var va = view.Base + s.VirtualAddress;
            text.Append($"  {Printable(s.Name),-8} 0x{va:X16} 0x{s.VirtualAddress:X8} 0x{s.VirtualSize:X8} 0x{s.PointerToRawData:X8} 0x{s.SizeOfRawData:X8} 0x{s.Characteristics:X8} {Access(s.Characteristics)}\n");
            if ((ulong)s.VirtualAddress + s.VirtualSize > view.SizeOfImage)
                text.Append($"  # {Printable(s.Name)} runs past SizeOfImage 0x{view.SizeOfImage:X}\n");
        }
        return text.ToString();
    }

    /// <summary>"RWX" with dashes for what is not granted, then the content kinds (code, data, bss, discardable, shared).</summary>
    public static string Access(uint characteristics)
    {
        var access = $"{((characteristics & Read) != 0 ? 'R' : '-')}{((characteristics & Write) != 0 ? 'W' : '-')}{((characteristics & Execute) != 0 ? 'X' : '-')}";
        var kinds = new List<string>();
        if ((characteristics & ContainsCode) != 0) kinds.Add("code");
        if ((characteristics & InitializedData) != 0) kinds.Add("data");
        if ((characteristics & UninitializedData) != 0) kinds.Add("bss");
        if ((characteristics & Discardable) != 0) kinds.Add("discardable");
        if ((characteristics & Shared) != 0) kinds.Add("shared");
        return kinds.Count == 0 ? access : $"{access} {string.Join(',', kinds)}";
    }

    /// <summary>A name from the image with anything but printable ASCII shown as '?'.</summary>
    public static string Printable(string name) => string.Concat(name.Select(c => c is >= ' ' and < '\x7F' ? c : '?'));
}
