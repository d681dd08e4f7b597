namespace MemFs.Tests.Translate.Paging.Compression;

/// <summary>Deterministic 4 KiB pages like the ones the compressed store holds.</summary>
internal static class CompressionTestPages
{
    private static readonly string[] Words =
        ["the", "memory", "page", "process", "kernel", "file", "System32", "C:\\Windows", "error", "0x00007FF6", "user", "store"];

    /// <summary>Words, paths and numbers, some in UTF-16 as Windows keeps strings.</summary>
    public static byte[] Text(int seed, int size = 4096)
    {
        var random = new Random(seed);
        var page = new byte[size];
        int at = 0;
        while (at < size)
        {
            string word = Words[random.Next(Words.Length)] + (random.Next(4) == 0 ? random.Next(1000).ToString() : "") + " ";
            bool wide = random.Next(3) == 0;
            foreach (char c in word)
            {
                if (at < size) page[at++] = (byte)c;
                if (wide && at < size) page[at++] = 0;
            }
        }
        return page;
    }

    /// <summary>Structures of pointers, small counters, flags and zero padding with a little noise.</summary>
    public static byte[] Binary(int seed, int size = 4096)
    {
        var random = new Random(seed);
        var page = new byte[size];
        for (int at = 0; at + 8 <= size; at += 8)
        {
            ulong value = random.Next(5) switch
            {
                0 => 0xFFFF_8000_0000_0000UL | (ulong)random.Next(0x1000) << 12 | (ulong)random.Next(0x100) << 3,
                1 => (ulong)random.Next(16),
                2 => 0,
                3 => 0x0000_7FF6_0000_0000UL | (ulong)random.Next(0x10000) << 4,
                _ => (ulong)random.NextInt64(),
            };
            BitConverter.TryWriteBytes(page.AsSpan(at), value);
        }
        return page;
    }
}
