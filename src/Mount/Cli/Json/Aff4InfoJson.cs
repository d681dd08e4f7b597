namespace MemFs.Mount.Cli.Json;

/// <summary>The object <c>memfs aff4 info --json</c> prints: the same facts as the text.</summary>
internal sealed record Aff4InfoJson(IReadOnlyList<Aff4VolumeJson> Volumes, IReadOnlyList<Aff4ObjectJson> Objects, Aff4MemoryJson? Memory, IReadOnlyList<string> Warnings);
