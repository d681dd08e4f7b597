namespace MemFs.Mount.Cli.Json;

/// <summary>One volume of <c>memfs aff4 info --json</c>: its file, URN, dialect, the tool that wrote it, file size and Zip member count.</summary>
internal sealed record Aff4VolumeJson(string Path, string Urn, string Dialect, string? Tool, long FileSize, int Members);
