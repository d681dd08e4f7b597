namespace MemFs.Translate.Extended;

/// <summary>Where a translated page's bytes live.</summary>
public enum BackingKind
{
    Physical,
    Pagefile,
    File,
}
