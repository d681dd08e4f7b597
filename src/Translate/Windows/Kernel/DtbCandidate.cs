namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A page that may be the kernel's PML4: the rule that found it (<see cref="FoundBy"/>), whether it passed the
/// structural checks and the KUSER_SHARED_DATA test (<see cref="Validated"/>), and why not (<see cref="Why"/>).
/// </summary>
public sealed record DtbCandidate(ulong Dtb, string FoundBy, bool Validated, string? Why)
{
    public override string ToString() => $"0x{Dtb:X} by {FoundBy}: " + (Validated ? "validated" : $"rejected ({Why})");
}
