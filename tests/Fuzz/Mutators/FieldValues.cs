using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>The values structured mutation writes into a field: the edges readers get wrong, never random noise only.</summary>
internal static class FieldValues
{
    private static readonly ulong[] Edges =
    [
        0, ulong.MaxValue, 1, 3, 0xFFF, 0x1000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        1UL << 52, 1UL << 62, long.MaxValue, 1UL << 63, long.MaxValue - 0xFFF,
    ];

    /// <summary>A value for a field of <paramref name="width"/> bytes holding <paramref name="kind"/>.</summary>
    public static ulong Pick(Random random, int width, FieldKind kind, IReadOnlyList<ulong> nodes, long fileLength)
    {
        var value = random.Next(10) switch
        {
            < 3 when kind == FieldKind.Link && nodes.Count > 0 => nodes[random.Next(nodes.Count)] + (ulong)(random.Next(3) == 0 ? random.Next(1, 16) : 0),
            < 2 when kind == FieldKind.PageEntry => PageEntry(random, fileLength),
            < 2 => (ulong)Math.Max(0, fileLength - random.Next(0, 0x2000)),
            2 => (ulong)random.NextInt64(),
            3 => 0xFFFF_8000_0000_0000 | (ulong)random.NextInt64(0, 1L << 47),
            _ => Edges[random.Next(Edges.Length)],
        };
        return width == 8 ? value : value & ((1UL << (8 * width)) - 1);
    }

    /// <summary>Absurd page entries: valid with a frame past the end, prototype/subsection/pagefile forms with wild fields, large-page bits.</summary>
    private static ulong PageEntry(Random random, long fileLength) => random.Next(6) switch
    {
        0 => ((ulong)fileLength + (ulong)random.Next(1, 1 << 20) * 0x1000) & 0x000F_FFFF_FFFF_F000 | 0x67,
        1 => 0x000F_FFFF_FFFF_F067,
        2 => 0xFFFF_FFFF_FFFF_F400 | (ulong)random.Next(0x400),
        3 => ((ulong)random.NextInt64() & 0xFFFF_FFFF_FFFF_0000) | 0x400,
        4 => (ulong)random.NextInt64() & ~1UL | 0x80 | 1,
        _ => ((ulong)random.NextInt64() << 32) | 0x80,
    };
}
