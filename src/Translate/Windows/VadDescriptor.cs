namespace MemFs.Translate.Windows;

/// <summary>
/// A VAD as translation needs it: the range (<see cref="End"/> is the last byte), private or mapped, commit,
/// protection, and for mapped views the prototype PTE array (_MMVAD.FirstPrototypePte … LastContiguousPte).
/// </summary>
public sealed record VadDescriptor(
    ulong Start,
    ulong End,
    bool IsPrivate,
    bool MemCommit,
    int Protection,
    ulong FirstPrototypePte,
    ulong LastContiguousPte,
    ulong Subsection,
    string? FileName,
    ulong Address = 0,
    string Kind = "")
{
    public bool Contains(ulong va) => va >= Start && va <= End;
}
