namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The compressed store's globals: where the symbol (or the scan) put them, the structure's base after the 22H2+
/// re-basing, and where the address came from.
/// </summary>
internal sealed record SmGlobals(ulong Symbol, ulong Base, string Source)
{
    public override string ToString() => Symbol == Base ? $"SmGlobals 0x{Base:X} ({Source})" : $"SmGlobals 0x{Symbol:X} re-based to 0x{Base:X} ({Source})";
}
