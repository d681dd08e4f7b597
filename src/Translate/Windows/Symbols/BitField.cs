namespace MemFs.Translate.Windows.Symbols;

/// <summary>A bit field inside a structure member: <see cref="Length"/> bits from bit <see cref="Position"/>.</summary>
public readonly record struct BitField(int Position, int Length)
{
    public ulong Extract(ulong value) => (value >> Position) & (Length >= 64 ? ulong.MaxValue : (1UL << Length) - 1);
}
