namespace MemFs.Mount.Cli.Json;

/// <summary>
/// The physical memory of an AFF4 memory image (<c>memfs aff4 info --json</c>): its stream and how it was found, the address
/// space size, acquired runs and ranges marked unreadable, the imager's metadata (CR3, kernel base, NtBuildNumber, its own runs),
/// the memory map, pagefiles and acquired files.
/// </summary>
internal sealed record Aff4MemoryJson(
    string Urn, string FoundBy, long? AddressSpace, IReadOnlyList<RangeJson> Runs, IReadOnlyList<RangeJson> NotReadable, string? Error,
    string? Metadata, string? Imager, string? Cr3, string? KernelBase, string? NtBuildNumber, IReadOnlyList<RangeJson> ImagerRuns,
    IReadOnlyList<RangeJson> MemoryMap, IReadOnlyList<Aff4AuxiliaryJson> Pagefiles, IReadOnlyList<Aff4AuxiliaryJson> Files);
