using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Session;

/// <summary>
/// A translator and the DTB (with the process's VADs when one was named) chosen for an <see cref="AddressSpaceRequest"/>,
/// and where each deciding value came from ("build 19041 (from …)", "InvalidPteMask 0x… (from …)", "DTB 0x… (from …)").
/// </summary>
public sealed record ChosenAddressSpace(WindowsTranslator Translator, ulong Dtb, IVadSource? Vads, ProcessInfo? Process, IReadOnlyList<string> Provenance)
{
    public VirtualMemory Memory(HolePolicy holes) => new(Translator, Dtb, Vads, holes);
}
