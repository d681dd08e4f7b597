namespace MemFs.Mount.Cli.Json;

/// <summary>An auxiliary source of <c>memfs info --json</c>: kind (pagefile, file, file tree), name, size in bytes, pagefile number, where it was found.</summary>
internal sealed record SourceJson(string Kind, string Name, long? Size, int? PagefileNumber, string FoundIn);
