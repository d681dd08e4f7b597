namespace MemFs.Translate.Diagnostics;

/// <summary>
/// Whether a diagnostic changes what the examiner gets (<see cref="Warning"/>: a list broken, a layout missing) or
/// only records how a result was reached (<see cref="Note"/>: a heuristic's reasoning, a fallback that worked).
/// Commands print warnings; the info reports print both.
/// </summary>
public enum DiagnosticKind
{
    Warning,
    Note,
}
