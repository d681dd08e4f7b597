using System.Text;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Modules;

/// <summary>exports.txt: every exported function by ordinal: RVA, VA, name (or none), and a forwarder's target string.</summary>
internal static class ExportsText
{
    public static string Render(ModuleImage module, string owner)
    {
        var text = new StringBuilder();
        var table = PeExportTable.Read(module.View, out var why);
        foreach (var line in module.SourceLines("exports.txt", owner).Concat(module.ReadLines())) text.Append(line).Append('\n');
        if (table is null)
        {
            text.Append($"# no exports: {why}\n");
            return text.ToString();
        }
        text.Append($"# DLL name {SectionsText.Printable(table.DllName ?? "(none)")}, ordinal base {table.OrdinalBase}, NumberOfFunctions {table.NumberOfFunctions}, NumberOfNames {table.NumberOfNames}\n");
        text.Append($"# {table.Exports.Count} exports listed, {table.Exports.Count(e => e.Forwarder is not null)} forwarded\n");
        if (table.Capped is not null) text.Append($"# capped: {table.Capped}\n");
        if (table.OutsideImage > 0) text.Append($"# {table.OutsideImage} function RVAs lie outside the image (SizeOfImage 0x{module.View.SizeOfImage:X}): left out\n");
        text.Append($"# {"ordinal",-7} {"RVA",-10} {"VA",-18} name [-> forwarder]\n");
        foreach (var e in table.Exports.OrderBy(e => e.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            text.Append($"  {e.Ordinal,-7} 0x{e.Rva:X8} 0x{module.View.Base + e.Rva:X16} {SectionsText.Printable(e.Name ?? "(by ordinal only)")}");
            if (e.Forwarder is not null) text.Append($" -> {SectionsText.Printable(e.Forwarder)}");
            text.Append('\n');
        }
        return text.ToString();
    }
}
