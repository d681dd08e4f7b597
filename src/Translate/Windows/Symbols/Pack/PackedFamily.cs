namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// The values shared by every kernel of one build (no RVAs: those change with every kernel). <see cref="Omitted"/>
/// names the fields left out because they differ, or are missing, within the build, with the reason.
/// </summary>
internal sealed record PackedFamily(
    uint Build,
    IReadOnlyList<string> DerivedFrom,
    bool Verified,
    PackedLayout Layout,
    IReadOnlyDictionary<string, string> Omitted);
