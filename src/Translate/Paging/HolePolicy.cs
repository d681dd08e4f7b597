namespace MemFs.Translate.Paging;

/// <summary>Which pages without bytes read as zeros (holes) and which fail the read with the reason.</summary>
public enum HolePolicy
{
    /// <summary>Every page that cannot be read fails: for reading kernel and process structures, where zeros would be
    /// taken for data.</summary>
    None,

    /// <summary><c>--strict</c>: pages with no content at all (reserved, decommitted, outside every VAD) are holes; a
    /// page whose bytes exist but cannot be produced (pagefile or file not supplied, compressed) fails.</summary>
    Strict,

    /// <summary>The default for views: every page that cannot be read is a hole; coverage.txt and vadmap.txt say why.</summary>
    Holes,
}
