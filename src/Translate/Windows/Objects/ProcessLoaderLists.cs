namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// The entries of a process's three PEB_LDR_DATA lists, one per _LDR_DATA_TABLE_ENTRY: those of InLoadOrderModuleList
/// in its order, then those only the other lists hold; and each list's problems (named by list).
/// </summary>
public sealed record ProcessLoaderLists(IReadOnlyList<LoaderModule> Modules, IReadOnlyList<string> Problems);
