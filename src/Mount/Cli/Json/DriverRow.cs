namespace MemFs.Mount.Cli.Json;

/// <summary>One driver of a triage dump's own driver list in <c>memfs modules --json</c>.</summary>
internal sealed record DriverRow(string Base, string Size, string Name, string Path, string TimeDateStamp);
