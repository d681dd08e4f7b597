namespace MemFs.Mount.Cli.Json;

/// <summary>
/// What an object's bytes are (<c>memfs aff4 info --json</c>): kind (image, map, other), size in bytes (null when unbounded);
/// for an image stream its chunking and compression, for a map its entries, data runs and targets; <see cref="Error"/> when it cannot be opened.
/// </summary>
internal sealed record Aff4StreamJson(
    string Kind, long? Size, long? Chunks, long? ChunkSize, long? Bevies, long? StoredRaw, long? Compressed, long? MissingChunks, string? Compression,
    int? MapEntries, int? DataRuns, IReadOnlyList<string>? Targets, string? Error);
