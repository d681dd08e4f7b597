namespace MemFs.Translate.Diagnostics;

/// <summary>
/// One thing worth telling the examiner: which component said it (<paramref name="Source"/>: "kernel discovery",
/// "process list", "VADs"), about what (<paramref name="Location"/>: a process, an address, a file; may be empty) and what.
/// </summary>
public sealed record Diagnostic(string Source, string Location, string Message)
{
    public override string ToString() => Location.Length == 0 ? $"{Source}: {Message}" : $"{Source} ({Location}): {Message}";
}
