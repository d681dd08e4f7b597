namespace MemFs.Mount.Cli.Json;

/// <summary>
/// One decoded table entry of <c>memfs vtop --json</c>: its kind, raw value and the value with InvalidPteMask removed,
/// protection (null for a hardware entry, which has none), the fields its kind has (others null), and <see cref="Fields"/>, the line vtop prints.
/// </summary>
internal sealed record PteJson(
    string Kind, string Raw, string Value, bool Unswizzled, int? Protection, string? ProtectionName, string? Frame, int? PagefileNumber,
    string? PagefileOffset, string? Pointer, string? Problem, string Fields);
