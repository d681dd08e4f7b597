namespace MemFs.Translate.Windows.Objects;

/// <summary>A loaded module as a loader list entry describes it (in load order).</summary>
public sealed record ModuleInfo(ulong Base, uint Size, string? FullName, string? BaseName, ulong Entry);
