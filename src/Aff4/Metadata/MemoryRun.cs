namespace MemFs.Aff4.Metadata;

/// <summary>A physical address range present in a memory image.</summary>
public readonly record struct MemoryRun(ulong Start, ulong Length)
{
    /// <summary>First address after the run (saturates at <see cref="ulong.MaxValue"/>).</summary>
    public ulong End => ulong.MaxValue - Start < Length ? ulong.MaxValue : Start + Length;
}
