namespace MemFs.Mount.Cli.Json;

/// <summary>
/// One object of <c>memfs aff4 info --json</c>: URN, types and category (compacted as the text prints them: aff4:, memory:),
/// original file name, data stream, its stream (null for case metadata and block hashes), the case metadata statements, and its stated hashes.
/// </summary>
internal sealed record Aff4ObjectJson(
    string Urn, IReadOnlyList<string> Types, string? Category, string? OriginalFile, string? DataStream, Aff4StreamJson? Stream,
    IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<Aff4HashJson> Hashes);
