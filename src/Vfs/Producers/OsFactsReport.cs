using MemFs.Translate.Extended;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Vfs.Session;

namespace MemFs.Vfs.Producers;

/// <summary>The operating-system part of <c>memfs info</c>: how the kernel was found and where each structure's offsets came from.</summary>
public sealed class OsFactsReport(TextWriter output)
{
    public void Write(PhysicalImage image, WindowsSystem? system, string? failure)
    {
        output.WriteLine();
        output.WriteLine("Operating system");
        Field("capture time", CaptureTimeText(image, system));
        if (system is not null) WriteSystem(system);
        else Field("Windows", $"not read from memory: {failure}");
        WriteHeaderIdentification(image.Facts);
    }

    /// <summary>When the memory was captured and where that was read, as the text prints it.</summary>
    public static string CaptureTimeText(PhysicalImage image, WindowsSystem? system) => CaptureTime.Of(image, system?.Identity).ToString();

    private void WriteSystem(WindowsSystem system)
    {
        var d = system.Discovery;
        var id = system.Identity!;
        Field("DTB", $"0x{d.Dtb:X} ({d.DtbSource})");
        Field("kernel base", $"0x{id.Base:X} ({id.BaseSource})");
        if (id.CodeView is { } cv) Field("kernel PDB", $"{cv.PdbFileName} {cv.PdbId}");
        Field("build", id.Build is { } b ? $"{b} ({id.BuildSource})" : "unknown");
        if (system.Profile.Version is { } version) Field("version", version);
        Field("profile", $"{system.Resolution.ChosenSource} — {system.Profile.Describe()}");
        foreach (var line in system.Resolution.Log) output.WriteLine($"    {line}");
        var byStructure = system.Profile.Offsets.Select(o => (Name: o.Key, o.Value.Source)).Concat(system.Profile.Bits.Select(b => (Name: b.Key, b.Value.Source)))
            .GroupBy(f => f.Name[..f.Name.IndexOf('.')])
            .Select(g => $"{g.Key}: {string.Join(" + ", g.Select(f => f.Source).Distinct())}");
        Field("fields by source", string.Join("; ", system.Profile.Offsets.Values.Select(v => v.Source).Concat(system.Profile.Rvas.Values.Select(v => v.Source))
            .GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));
        foreach (var line in byStructure) output.WriteLine($"    {line}");
        foreach (var (name, (value, source)) in system.Profile.Rvas.OrderBy(r => r.Key)) output.WriteLine($"    {name}: RVA 0x{value:X} ({source})");
        Field("section objects", system.SectionLayoutSources);
        foreach (var problem in system.LayoutProblems) output.WriteLine($"    layout: {problem}");
        Field("software PTEs", $"{system.Translator.Settings.Layout.Name}; InvalidPteMask 0x{system.Translator.Settings.InvalidPteMask:X} ({system.Translator.Settings.InvalidPteMaskSource})");
        Field("processes", $"{system.Processes.Count} on the active process list");
        foreach (var w in system.Diagnostics.Snapshot()) output.WriteLine($"    {w.Kind.ToString().ToLowerInvariant()}: {w}");
    }

    private void WriteHeaderIdentification(ImageFacts facts)
    {
        foreach (var match in HeaderPointerMatch.Describe(facts)) Field("kernel (from header)", match);
    }

    private void Field(string name, string value) => output.WriteLine($"  {name + ":",-22} {value}");
}
