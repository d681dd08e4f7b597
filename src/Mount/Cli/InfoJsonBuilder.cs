using MemFs.Mount.Cli.Json;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Aff4;
using MemFs.Translate.Windows;
using MemFs.Translate.Files;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary>The facts of <c>memfs info</c> as <see cref="InfoJson"/>: the same as the text, with every run and module.</summary>
internal static class InfoJsonBuilder
{
    public static InfoJson Build(PhysicalImage image, IReadOnlyList<AuxiliarySource> extraSources, WindowsSystem? system, string? failure,
        IEnumerable<string> leftOut)
    {
        var missing = image.Memory is Aff4PhysicalMemory aff4
            ? aff4.MarkedMissing().Select(m => RangeJson.Of(m.Range.Start, m.Range.End, $"not readable: {m.Marker}")).ToList()
            : [];
        return new InfoJson(image.Path, image.Format, image.BackedBytes, Hex.Of((ulong)image.AddressSpaceEnd),
            image.Memory.Runs.Select(r => RangeJson.Of(r.Start, r.End)).ToList(), missing, Facts(image.Facts),
            image.Auxiliary.Concat(extraSources).Select(s => new SourceJson(KindName(s.Kind), s.Name, s.Size, s.PagefileNumber, s.FoundIn)).ToList(),
            image.Warnings.ToList(), OperatingSystem(image, system, failure), leftOut.ToList());
    }

    private static string KindName(AuxiliaryKind kind) => kind switch
    {
        AuxiliaryKind.Pagefile => "pagefile",
        AuxiliaryKind.File => "file",
        _ => "file tree",
    };

    private static HeaderFactsJson Facts(ImageFacts f) => new(
        f.DumpType, f.DumpTypeCode, f.Imager, f.MachineType switch { null => null, 0x8664 => "x64", 0x14C => "x86", var m => Hex.Of(m.Value) },
        f.PaeEnabled, f.BuildNumber, Hex.Of(f.MajorVersion), f.NumberProcessors, Hex.Of(f.DirectoryTableBase), Hex.Of(f.KernelBase),
        Hex.Of(f.PsActiveProcessHead), Hex.Of(f.PsLoadedModuleList), Hex.Of(f.KdDebuggerDataBlock), Hex.Of(f.PfnDataBase), Hex.Of(f.BugCheckCode),
        f.BugCheckParameters.Select(Hex.Of).ToList(), f.SystemTime, f.Other.ToDictionary(o => o.Key, o => o.Value),
        f.Modules.Select(d => new DriverRow(Hex.Of(d.Base), Hex.Of(d.Size), WindowsPath.FileName(d.Path), d.Path, Hex.Of(d.TimeDateStamp))).ToList());

    private static OperatingSystemJson OperatingSystem(PhysicalImage image, WindowsSystem? system, string? failure)
    {
        var captured = OsFactsReport.CaptureTimeText(image, system);
        if (system is null)
            return new OperatingSystemJson(captured, failure, null, null, null, null, null, null, null, null, null, null, null, null, null, []);
        var d = system.Discovery;
        var id = system.Identity!;
        var settings = system.Translator.Settings;
        return new OperatingSystemJson(captured, null, Hex.Of(d.Dtb), d.DtbSource, Hex.Of(id.Base), id.BaseSource,
            id.CodeView is { } cv ? $"{cv.PdbFileName} {cv.PdbId}" : null, id.Build, id.BuildSource, system.Profile.Version,
            $"{system.Resolution.ChosenSource} — {system.Profile.Describe()}", settings.Layout.Name, Hex.Of(settings.InvalidPteMask),
            settings.InvalidPteMaskSource, system.Processes.Count,
            system.Diagnostics.Snapshot().Select(w => $"{w.Kind.ToString().ToLowerInvariant()}: {w}").ToList());
    }
}
