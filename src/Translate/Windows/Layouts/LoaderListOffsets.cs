using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>One PEB_LDR_DATA list: its head in _PEB_LDR_DATA and the _LDR_DATA_TABLE_ENTRY member that links it.</summary>
internal readonly record struct LoaderListOffsets(LoaderListMembership List, string Name, int Head, int Links);
