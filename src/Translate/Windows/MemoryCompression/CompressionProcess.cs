namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The process whose user space holds the store's regions (MemCompression): its address space, its VADs when they
/// can be read (they bound where regions may lie), and how it was recognised.
/// </summary>
internal sealed record CompressionProcess(ulong Eprocess, long Pid, string Name, ulong Dtb, Func<IVadSource?> Vads, string FoundBy)
{
    public override string ToString() => $"{Pid} {Name} (EPROCESS 0x{Eprocess:X}, DTB 0x{Dtb:X}, {FoundBy})";
}
