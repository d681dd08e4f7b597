namespace MemFs.Vfs.Pictures;

/// <summary>
/// The CRC-32 of PNG chunks (ISO 3309 / ITU-T V.42, the same as zlib's <c>crc32</c>): reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF, one table lookup per byte.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC over more bytes: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var register = ~crc;
        foreach (var b in data) register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return ~register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
