namespace MemFs.Vfs.Minidump;

/// <summary>
/// Places the dump's structures one after the other, each 8-byte aligned, after the header and stream directory.
/// Everything placed here is addressed by 32-bit RVAs, so the prefix may not pass 4 GiB.
/// </summary>
internal sealed class PrefixAllocator(long start)
{
    public long End { get; private set; } = start;

    public MinidumpLocation Place(long size)
    {
        var at = End;
        End = (End + size + 7) & ~7L;
        if (End > uint.MaxValue) throw new IOException($"minidump: its streams would pass 4 GiB at offset 0x{at:X} (32-bit RVAs)");
        return new MinidumpLocation((uint)size, (uint)at);
    }
}
