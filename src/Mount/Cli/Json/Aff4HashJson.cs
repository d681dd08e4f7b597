namespace MemFs.Mount.Cli.Json;

/// <summary>A hash a volume states for an object: the property (hash, blockHashesHash …), the algorithm and the value as stored.</summary>
internal sealed record Aff4HashJson(string Property, string Algorithm, string Value);
