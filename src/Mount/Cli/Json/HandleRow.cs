namespace MemFs.Mount.Cli.Json;

/// <summary>One handle of <c>memfs handles --json</c>; addresses and the access mask are hex strings.</summary>
internal sealed record HandleRow(string Handle, string Object, string ObjectHeader, string GrantedAccess, int TypeIndex, int StoredTypeIndex,
    string Type, string? Name, string? NameNote);
