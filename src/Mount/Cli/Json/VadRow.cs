namespace MemFs.Mount.Cli.Json;

/// <summary>One VAD of <c>memfs vads --json</c>.</summary>
internal sealed record VadRow(
    string Vad, string Start, string End, string Kind, string Tag, bool Private, bool Committed, string Protection,
    string FirstPrototypePte, string? File);
