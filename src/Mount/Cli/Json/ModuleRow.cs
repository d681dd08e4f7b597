namespace MemFs.Mount.Cli.Json;

/// <summary>One loaded module of <c>memfs modules --json</c>.</summary>
internal sealed record ModuleRow(string Base, string Size, string? Name, string? Path);
