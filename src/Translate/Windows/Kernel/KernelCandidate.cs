namespace MemFs.Translate.Windows.Kernel;

/// <summary>A possible ntoskrnl base: the rule that proposed it, and whether its PE passed the kernel checks.</summary>
public sealed record KernelCandidate(ulong Base, string FoundBy, bool Validated, string? Why)
{
    public override string ToString() => $"0x{Base:X} by {FoundBy}: " + (Validated ? "validated" : $"rejected ({Why})");
}
