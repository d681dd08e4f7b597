using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Aff4;

namespace MemFs.Vfs.Producers;

/// <summary>Renders the text of <c>memfs info</c>.</summary>
public sealed class PhysicalInfoReport(PhysicalImage image, IReadOnlyList<AuxiliarySource> extraSources, TextWriter output)
{
    private const int RunsShown = 32;
    private const int ModulesShown = 8;

    public bool AllRuns { get; init; }
    public bool AllModules { get; init; }

    public void Write()
    {
        output.WriteLine($"Image {image.Path}");
        Field("format", image.Format);
        var runs = image.Memory.Runs;
        Field("physical memory", $"{image.BackedBytes:N0} bytes backed in {runs.Count:N0} runs, address space up to 0x{image.AddressSpaceEnd:X} ({image.AddressSpaceEnd:N0} bytes)");
        foreach (var run in AllRuns ? runs : runs.Take(RunsShown))
            output.WriteLine($"    0x{run.Start:X12} - 0x{run.End:X12}  {run.Length,18:N0} bytes");
        if (!AllRuns && runs.Count > RunsShown) output.WriteLine($"    … {runs.Count - RunsShown:N0} more runs (--all-runs lists them)");
        if (image.Memory is Aff4PhysicalMemory aff4)
            foreach (var (range, marker) in aff4.MarkedMissing())
                output.WriteLine($"    0x{range.Start:X12} - 0x{range.End:X12}  {range.Length,18:N0} bytes  not readable: {marker}");
        WriteFacts(image.Facts);
        WriteSources();
        if (image.Warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Warnings:");
            foreach (var w in image.Warnings) output.WriteLine($"  {w}");
        }
    }

    private void WriteFacts(ImageFacts f)
    {
        output.WriteLine();
        output.WriteLine("Header facts");
        var any = false;
        void Fact(string name, string? value)
        {
            if (value is null) return;
            Field(name, value);
            any = true;
        }
        Fact("dump type", f.DumpType is null ? null : $"{f.DumpTypeCode} = {f.DumpType}");
        Fact("imager", f.Imager);
        Fact("machine", f.MachineType switch { null => null, 0x8664 => "0x8664 (x64)", 0x14C => "0x14C (x86)", var m => $"0x{m:X}" });
        Fact("PAE", f.PaeEnabled?.ToString());
        Fact("Windows build", f.BuildNumber is { } b ? (f.MajorVersion is { } major ? $"{b} (major version 0x{major:X})" : $"{b}") : null);
        Fact("processors", f.NumberProcessors?.ToString());
        Fact("DTB (CR3)", Hex(f.DirectoryTableBase) is { } dtb ? dtb + ((f.DirectoryTableBase & 0xFFF) != 0 ? $" (flag bits 0x{f.DirectoryTableBase & 0xFFF:X}; PML4 at 0x{f.DirectoryTableBase & ~0xFFFUL:X})" : "") : null);
        Fact("kernel base", Hex(f.KernelBase));
        Fact("PsActiveProcessHead", Hex(f.PsActiveProcessHead));
        Fact("PsLoadedModuleList", Hex(f.PsLoadedModuleList));
        Fact("KdDebuggerDataBlock", Hex(f.KdDebuggerDataBlock));
        Fact("PfnDataBase", Hex(f.PfnDataBase));
        Fact("bug check", f.BugCheckCode is { } code ? $"0x{code:X8} ({string.Join(", ", f.BugCheckParameters.Select(p => $"0x{p:X}"))})" : null);
        Fact("system time", f.SystemTime?.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'"));
        foreach (var (name, value) in f.Other) Fact(name, value);
        if (f.Modules.Count > 0)
        {
            Fact("kernel modules", $"{f.Modules.Count:N0} listed by the image");
            foreach (var m in AllModules ? f.Modules : f.Modules.Take(ModulesShown))
                output.WriteLine($"    {DriverListText.Line(m)}");
            if (!AllModules && f.Modules.Count > ModulesShown) output.WriteLine($"    … {f.Modules.Count - ModulesShown:N0} more (--modules lists them)");
        }
        if (!any) Field("(none)", "the image states no header facts; later layers find the kernel by scanning");
    }

    private void WriteSources()
    {
        var sources = image.Auxiliary.Concat(extraSources).ToArray();
        output.WriteLine();
        output.WriteLine("Auxiliary sources");
        if (sources.Length == 0) Field("(none)", "no pagefile or acquired files: paged-out memory will be reported as unresolvable");
        foreach (var s in sources)
        {
            var size = s.Size is { } n ? $"{n:N0} bytes" : null;
            switch (s.Kind)
            {
                case AuxiliaryKind.Pagefile:
                    Field($"pagefile {s.PagefileNumber?.ToString() ?? "?"}", $"{s.Name} ({size ?? "size unknown"}; {s.FoundIn})");
                    break;
                case AuxiliaryKind.File:
                    Field("file", $"{s.Name} ({size ?? "size unknown"}; {s.FoundIn})");
                    break;
                default:
                    Field("file tree", $"{s.Name} ({s.FoundIn})");
                    break;
            }
        }
    }

    private static string? Hex(ulong? value) => value is { } v ? $"0x{v:X}" : null;

    private void Field(string name, string value) => output.WriteLine($"  {name + ":",-22} {value}");
}
