namespace MemFs.Translate.Physical;

/// <summary>
/// A source of bytes besides physical memory that translation will use: a pagefile (by Windows' paging
/// file number) or acquired/mapped files (by Windows path). Listed by <c>memfs info</c>.
/// </summary>
public sealed record AuxiliarySource(AuxiliaryKind Kind, string Name, long? Size, int? PagefileNumber, string FoundIn);

public enum AuxiliaryKind
{
    Pagefile,
    File,
    FileTree,
}
