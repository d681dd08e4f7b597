using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The _EPROCESS (and embedded _KPROCESS) members MemFs reads. The four that identify a process and link it into
/// the active list are required. The others are null when the profile lacks them: UserDirectoryTableBase exists only
/// on kernels with KVA shadowing (Windows 10 1803 and the 2018 updates of Windows 7 onwards); the WOW64 pointer is
/// named Wow64Process up to Windows 8.1 and WoW64Process from Windows 10; the rest exist on every x64 build, but
/// the EPROCESS heuristics (a profile without symbols) supply each only when they validate it.
/// </summary>
internal sealed record EprocessLayout(
    int UniqueProcessId,
    int ActiveProcessLinks,
    int ImageFileName,
    int DirectoryTableBase,
    int? UserDirectoryTableBase,
    int? InheritedFromUniqueProcessId,
    int? Peb,
    int? CreateTime,
    int? ExitTime,
    int? SectionBaseAddress,
    int? Wow64Process)
{
    /// <summary>EPROCESS.ImageFileName is UCHAR[15].</summary>
    public const int ImageFileNameLength = 15;

    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static EprocessLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_EPROCESS");
        var layout = new EprocessLayout(
            f.Offset("_EPROCESS.UniqueProcessId"),
            f.Offset("_EPROCESS.ActiveProcessLinks"),
            f.Offset("_EPROCESS.ImageFileName"),
            f.Offset("_KPROCESS.DirectoryTableBase"),
            f.OptionalOffset("_KPROCESS.UserDirectoryTableBase"),
            f.OptionalOffset("_EPROCESS.InheritedFromUniqueProcessId"),
            f.OptionalOffset("_EPROCESS.Peb"),
            f.OptionalOffset("_EPROCESS.CreateTime"),
            f.OptionalOffset("_EPROCESS.ExitTime"),
            f.OptionalOffset("_EPROCESS.SectionBaseAddress"),
            f.OptionalOffset("_EPROCESS.WoW64Process") ?? f.OptionalOffset("_EPROCESS.Wow64Process"));
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}
