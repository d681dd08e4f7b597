namespace MemFs.Translate.Windows.Handles;

/// <summary>
/// One open handle: its value, the object's header and body, the granted access mask, the type (raw
/// _OBJECT_HEADER.TypeIndex and the decoded index into ObTypeIndexTable) and the object's name, each with where it
/// came from or why it is missing.
/// </summary>
public sealed record HandleInfo(
    ulong Handle, ulong ObjectHeader, ulong Object, uint GrantedAccess, byte RawTypeIndex, byte TypeIndex, string TypeName, string? Name,
    string? NameNote);
