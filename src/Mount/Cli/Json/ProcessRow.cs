namespace MemFs.Mount.Cli.Json;

/// <summary>One process of <c>memfs ps --json</c>; addresses as <see cref="Hex"/> strings, absent fields null.</summary>
internal sealed record ProcessRow(
    long Pid, long? Ppid, string Name, string? Eprocess, string? Physical, string Dtb, string? UserDtb, string? Peb,
    DateTime? Created, DateTime? Exited, string? ImagePath, string? CommandLine, string FoundBy, string? Unplaced);
