namespace MemFs.Translate.Extended;

/// <summary>Where a translated page's bytes live.</summary>
public enum BackingKind
{
    Physical,
    Pagefile,
    File,
    /// <summary>A page of the Windows compressed store, produced by the translator that resolved it.</summary>
    Compressed,
}
