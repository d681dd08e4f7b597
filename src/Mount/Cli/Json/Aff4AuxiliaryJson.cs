namespace MemFs.Mount.Cli.Json;

/// <summary>A pagefile or acquired file in an AFF4 volume: its URN, Windows path, pagefile number (pagefiles only), size in bytes (null when unreadable) and how it was found.</summary>
internal sealed record Aff4AuxiliaryJson(string Urn, string? WindowsPath, int? Number, long? Size, string FoundBy);
