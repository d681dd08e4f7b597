namespace MemFs.Mount.Cli.Json;

/// <summary>What the image header states (<c>memfs info --json</c>, <c>facts</c>); absent facts are null.</summary>
internal sealed record HeaderFactsJson(
    string? DumpType, uint? DumpTypeCode, string? Imager, string? Machine, bool? Pae, uint? Build, string? MajorVersion, uint? Processors,
    string? Dtb, string? KernelBase, string? PsActiveProcessHead, string? PsLoadedModuleList, string? KdDebuggerDataBlock, string? PfnDataBase,
    string? BugCheckCode, IReadOnlyList<string> BugCheckParameters, DateTime? SystemTime, IReadOnlyDictionary<string, string> Other,
    IReadOnlyList<DriverRow> Modules);
