namespace MemFs.Translate.Windows.Objects;

/// <summary>A _LDR_DATA_TABLE_ENTRY of a process and the PEB_LDR_DATA lists it is linked into.</summary>
public sealed record LoaderModule(ModuleInfo Module, LoaderListMembership Lists);
