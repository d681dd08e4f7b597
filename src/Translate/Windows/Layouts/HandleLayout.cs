using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The handle table structures: _EPROCESS.ObjectTable, _HANDLE_TABLE.TableCode, _HANDLE_TABLE_ENTRY (Windows 8+:
/// ObjectPointerBits/GrantedAccessBits bit fields; Windows 7: Object and GrantedAccess members), _OBJECT_HEADER
/// (TypeIndex, InfoMask, Body), _OBJECT_HEADER_NAME_INFO.Name and _OBJECT_TYPE.Name.
/// </summary>
internal sealed record HandleLayout(
    int ObjectTable,
    int TableCode,
    int EntrySize,
    BitField? ObjectPointerBits,
    BitField? GrantedAccessBits,
    int? GrantedAccess,
    int TypeIndex,
    int InfoMask,
    int Body,
    int NameInfoName,
    int TypeName,
    int? ProcessId,
    int? ProcessImageFileName,
    int? ThreadCid,
    int? ThreadUniqueThread,
    int? FileName)
{
    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    /// <summary>Windows 8 and later encode the object pointer in ObjectPointerBits (header address &gt;&gt; 4, sign-extended).</summary>
    public bool EncodedPointers => ObjectPointerBits is not null;

    public static HandleLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_HANDLE_TABLE");
        var pointerBits = f.OptionalBits("_HANDLE_TABLE_ENTRY.ObjectPointerBits");
        var accessBits = f.OptionalBits("_HANDLE_TABLE_ENTRY.GrantedAccessBits");
        var layout = new HandleLayout(
            f.Offset("_EPROCESS.ObjectTable"),
            f.Offset("_HANDLE_TABLE.TableCode"),
            f.OptionalSize("_HANDLE_TABLE_ENTRY") ?? f.Record("sizeof(_HANDLE_TABLE_ENTRY)", 16, "x64 (two pointers)"),
            pointerBits,
            accessBits,
            pointerBits is null ? f.Offset("_HANDLE_TABLE_ENTRY.GrantedAccess") : null,
            f.Offset("_OBJECT_HEADER.TypeIndex"),
            f.Offset("_OBJECT_HEADER.InfoMask"),
            f.Offset("_OBJECT_HEADER.Body"),
            f.Offset("_OBJECT_HEADER_NAME_INFO.Name"),
            f.Offset("_OBJECT_TYPE.Name"),
            // Members the process, thread and section layouts already resolve (and record): read, not recorded twice.
            profile.Offset("_EPROCESS.UniqueProcessId"),
            profile.Offset("_EPROCESS.ImageFileName"),
            profile.Offset("_ETHREAD.Cid"),
            profile.Offset("_CLIENT_ID.UniqueThread"),
            profile.Offset("_FILE_OBJECT.FileName"));
        if (pointerBits is null && f.OptionalOffset("_HANDLE_TABLE_ENTRY.Object") is null) f.Missing("_HANDLE_TABLE_ENTRY.Object or ObjectPointerBits", 0);
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}
