using System.Buffers.Binary;
using System.Numerics;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Paging;

/// <summary>
/// Infers nt!MiState.Hardware.InvalidPteMask from the page tables when no symbol gives it. On swizzling kernels (1809+)
/// every non-zero, non-present PTE with SwizzleBit (bit 4) clear carries the mask (as MemProcFS and IntroVirt read it);
/// a demand-zero PTE carries nothing else above bit 31. The bits above 31 common to all such entries are therefore the
/// mask; it is believed only when that is a single bit (the mask Windows sets: the highest physical address bit of the
/// CPU, so bit 45 with 46 address bits, bit 38 with 39) and enough entries agree.
/// </summary>
public static class InvalidPteMaskInference
{
    /// <summary>Page-table pages read at most, so a corrupt or huge hierarchy cannot make the walk unbounded.</summary>
    public const int MaxTables = 256;

    /// <summary>Fewer agreeing entries than this are not evidence.</summary>
    public const int MinSamples = 8;

    private const ulong Frame = 0x000F_FFFF_FFFF_F000;

    /// <summary>The mask and how many entries showed it, or null when the tables do not show one single bit.</summary>
    public static (ulong Mask, int Samples)? Infer(IPhysicalMemory memory, ulong dtb)
    {
        var common = ulong.MaxValue;
        var samples = 0;
        var tables = 0;
        var page = new byte[4096];
        void Walk(ulong table, int level)
        {
            if (tables++ >= MaxTables || !TryRead(memory, table, page)) return;
            var entries = new ulong[512];
            for (var i = 0; i < 512; i++) entries[i] = BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(i * 8));
            foreach (var entry in entries)
            {
                if ((entry & 1) != 0)
                {
                    // Large pages (PS, bit 7) at PDPT and PD level map memory, not a table.
                    if (level > 0 && (level == 3 || (entry & 0x80) == 0)) Walk(entry & Frame, level - 1);
                    continue;
                }
                if (level != 0 || entry == 0 || (entry & 0x10) != 0) continue;
                common &= entry & 0xFFFF_FFFF_0000_0000;
                samples++;
            }
        }
        Walk(dtb & Frame, 3);
        return samples >= MinSamples && BitOperations.PopCount(common) == 1 ? (common, samples) : null;
    }

    private static bool TryRead(IPhysicalMemory memory, ulong address, byte[] page)
    {
        try
        {
            memory.Read((long)address, page);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
