using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>Checks what DUMP_HEADER64 and DUMP_HEADER32 share: the file holds the whole header, "PAGE" and ValidDump.</summary>
internal static class DumpHeaderReader
{
    public static byte[] ReadChecked(IByteSource source, int size, string structure, ReadOnlySpan<byte> validDump)
    {
        if (source.Length < size)
            throw new ImageFormatException(source.Name, 0,
                $"{structure} is 0x{size:X} bytes but the file has only 0x{source.Length:X}: the header is truncated");
        var header = source.ReadBlock(0, size, structure);
        if (!header.AsSpan(0, 4).SequenceEqual("PAGE"u8))
            throw new ImageFormatException(source.Name, 0, $"{structure}.Signature is not \"PAGE\"");
        if (!header.AsSpan(4, 4).SequenceEqual(validDump))
            throw new ImageFormatException(source.Name, 4,
                $"{structure}.ValidDump is 0x{BitConverter.ToUInt32(header, 4):X8}, not \"{System.Text.Encoding.ASCII.GetString(validDump)}\"");
        return header;
    }
}
