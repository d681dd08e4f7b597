using System.Buffers.Binary;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// The x64 hardware walk over physical memory alone: present entries and large pages, nothing else. Used while
/// no DTB is trusted yet (candidate validation, kernel scans), where a software PTE must not count as mapped.
/// </summary>
internal static class HardwarePageTables
{
    public const ulong Frame = 0x000F_FFFF_FFFF_F000;
    private static readonly string[] LevelNames = ["PTE", "PDE", "PDPTE", "PML4E"];

    public static bool TryTranslate(IPhysicalMemory memory, ulong dtb, ulong va, out long physical, out string? why)
    {
        physical = 0;
        var table = (long)(dtb & Frame);
        for (var level = 3; level >= 0; level--)
        {
            var at = table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8;
            if (!TryRead64(memory, at, out var entry, out why)) return false;
            if ((entry & 1) == 0)
            {
                why = $"{LevelNames[level]} for 0x{va:X} at physical 0x{at:X} is not present (0x{entry:X})";
                return false;
            }
            if (level is 1 or 2 && (entry & 0x80) != 0)
            {
                var size = level == 2 ? 1UL << 30 : 1UL << 21;
                physical = (long)((entry & Frame & ~(size - 1)) | (va & (size - 1)));
                return true;
            }
            table = (long)(entry & Frame);
        }
        physical = table | (long)(va & 0xFFF);
        why = null;
        return true;
    }

    /// <summary>The present 2 MiB slices of [<paramref name="start"/>, <paramref name="end"/>), in address order.</summary>
    public static IEnumerable<MappedRegion> PresentRegions(IPhysicalMemory memory, ulong dtb, ulong start, ulong end)
    {
        start &= ~((1UL << 21) - 1);
        var va = start;
        while (va < end)
        {
            if (!TryEntry(memory, (long)(dtb & Frame), va, 3, out var pml4e) || (pml4e & 1) == 0)
            {
                va = Next(va, 39);
                continue;
            }
            if (!TryEntry(memory, (long)(pml4e & Frame), va, 2, out var pdpte) || (pdpte & 1) == 0)
            {
                va = Next(va, 30);
                continue;
            }
            if ((pdpte & 0x80) != 0)
            {
                yield return new MappedRegion(va & ~((1UL << 30) - 1), 1UL << 30, true, 0);
                va = Next(va, 30);
                continue;
            }
            if (TryEntry(memory, (long)(pdpte & Frame), va, 1, out var pde) && (pde & 1) != 0)
                yield return new MappedRegion(va, 1UL << 21, (pde & 0x80) != 0, (pde & 0x80) != 0 ? 0 : (long)(pde & Frame));
            va = Next(va, 21);
        }
    }

    public static bool TryRead64(IPhysicalMemory memory, long address, out ulong value, out string? why)
    {
        Span<byte> b = stackalloc byte[8];
        try
        {
            memory.Read(address, b);
            value = BinaryPrimitives.ReadUInt64LittleEndian(b);
            why = null;
            return true;
        }
        catch (IOException e)
        {
            value = 0;
            why = e.Message;
            return false;
        }
    }

    private static bool TryEntry(IPhysicalMemory memory, long table, ulong va, int level, out ulong entry) =>
        TryRead64(memory, table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8, out entry, out _);

    private static ulong Next(ulong va, int shift)
    {
        var next = (va & ~((1UL << shift) - 1)) + (1UL << shift);
        return next == 0 ? ulong.MaxValue : next;
    }
}
