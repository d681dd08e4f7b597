namespace MemFs.Mount.Cli.Json;

/// <summary>
/// One finding of <c>memfs findings --json</c>; <see cref="End"/> inclusive, as in findings.txt. <see cref="Lists"/>
/// is the PEB_LDR_DATA list membership of the module of a loader finding, null for other kinds.
/// </summary>
internal sealed record FindingRow(string Kind, long Pid, string Process, string Start, string End, string? Module, string Why, string Next, LoaderListsRow? Lists);
