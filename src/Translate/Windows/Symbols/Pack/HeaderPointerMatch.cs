using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Identifies a kernel from a dump header alone (triage dumps carry no page tables, so the kernel's own PE
/// header cannot be read): a packed kernel matches when its RVAs, added to one kernel base, give every global
/// pointer the header states — PsActiveProcessHead, PsLoadedModuleList, KdDebuggerDataBlock, and MmPfnDatabase's
/// value is not compared since the header holds the database address, not the variable's.
/// </summary>
public static class HeaderPointerMatch
{
    internal sealed record Match(string PdbId, string? Version, uint Build, ulong KernelBase, int PointersMatched);

    private static readonly (string Rva, Func<ImageFacts, ulong?> Header)[] Pointers =
    [
        ("PsActiveProcessHead", f => f.PsActiveProcessHead),
        ("PsLoadedModuleList", f => f.PsLoadedModuleList),
        ("KdDebuggerDataBlock", f => f.KdDebuggerDataBlock),
    ];

    /// <summary>
    /// Every packed kernel consistent with the header. With a known base (a triage dump's KDBG copy) all stated pointers
    /// must match at that base; otherwise the base is solved from the first pointer and must be page-aligned.
    /// At least two pointers must be stated, so a single coincidence cannot identify a kernel.
    /// </summary>
    /// <summary>The embedded pack's kernels that reproduce the image header's kernel pointers, one line each.</summary>
    public static IReadOnlyList<string> Describe(ImageFacts facts) =>
        Find(KernelPack.Embedded, facts).Select(m => $"ntkrnlmp.pdb {m.PdbId} {m.Version}, base 0x{m.KernelBase:X}: " +
            $"the embedded pack's RVAs reproduce the dump header's {m.PointersMatched} kernel pointers").ToList();

    internal static IReadOnlyList<Match> Find(KernelPack pack, ImageFacts facts)
    {
        var stated = Pointers.Where(p => p.Header(facts) is not null).ToArray();
        if (stated.Length < 2) return [];
        var matches = new List<Match>();
        foreach (var (id, kernel) in pack.Kernels)
        {
            var profile = pack.TryGetExact(id);
            if (profile is null || stated.Any(p => profile.Rva(p.Rva) is null)) continue;
            var kernelBase = facts.KernelBase ?? stated[0].Header(facts)!.Value - profile.Rva(stated[0].Rva)!.Value;
            if ((kernelBase & 0xFFF) != 0) continue;
            if (stated.All(p => kernelBase + profile.Rva(p.Rva)!.Value == p.Header(facts)))
                matches.Add(new Match(id, profile.Version, profile.Build ?? 0, kernelBase, stated.Length));
        }
        return matches;
    }
}
