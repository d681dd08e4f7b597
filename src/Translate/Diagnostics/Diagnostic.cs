namespace MemFs.Translate.Diagnostics;

/// <summary>
/// One thing worth telling the examiner: which component said it (<paramref name="Source"/>: "kernel discovery",
/// "process list", "VADs"), about what (<paramref name="Location"/>: a process, an address, a file; may be empty), what,
/// and whether it changes the result (<paramref name="Kind"/>).
/// </summary>
public sealed record Diagnostic(string Source, string Location, string Message, DiagnosticKind Kind = DiagnosticKind.Warning)
{
    public override string ToString() => Location.Length == 0 ? $"{Source}: {Message}" : $"{Source} ({Location}): {Message}";
}
