namespace MemFs.Benchmarks.Aff4;

/// <summary>
/// Deterministic bytes shaped like physical memory: zero pages, pointer-rich structures, text and
/// already-compressed (random) pages, so snappy meets the mix it meets in real acquisitions.
/// </summary>
public static class MemoryLikeData
{
    public static byte[] Create(int length, int seed = 42)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var page = 0; page + 4096 <= length; page += 4096)
        {
            var span = data.AsSpan(page, 4096);
            switch (random.Next(10))
            {
                case < 3:
                    break; // zero page
                case < 6:
                    for (var i = 0; i < 4096; i += 8)
                        BitConverter.TryWriteBytes(span[i..], 0xFFFFF80000000000UL + (ulong)random.Next(1 << 20) * 16);
                    break;
                case < 8:
                    for (var i = 0; i < 4096; i++) span[i] = (byte)"C:\\Windows\\System32\\ntdll.dll kernel32 MemFs "[(i + page / 7) % 45];
                    break;
                default:
                    random.NextBytes(span);
                    break;
            }
        }
        return data;
    }
}
