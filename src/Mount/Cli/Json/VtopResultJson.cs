namespace MemFs.Mount.Cli.Json;

/// <summary>
/// Where a translation ended (<c>memfs vtop --json</c>): the page state, whether its bytes can be read, the location
/// (also when it is not available), the reason when there is none, and the summary line vtop prints.
/// </summary>
internal sealed record VtopResultJson(
    string State, bool Readable, bool Available, bool ViaPrototype, int? Protection, string? ProtectionName, long PageSize, LocationJson? Location,
    string? Reason, string Summary);
