using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>Checks what DUMP_HEADER64 and DUMP_HEADER32 share: the file holds the whole header, "PAGE" and ValidDump.</summary>
internal static class DumpHeaderReader
{
    private const int Signature = 0x0;
    private const int ValidDump = 0x4;

    public static byte[] ReadChecked(IByteSource source, int size, string structure, ReadOnlySpan<byte> validDump)
    {
        if (source.Length < size)
            throw new ImageFormatException(source.Name, 0,
                $"{structure} is 0x{size:X} bytes but the file has only 0x{source.Length:X}: the header is truncated");
        var header = source.ReadBlock(0, size, structure);
        var h = ImageReader.Over(header, source.Name, 0, structure);
        if (!h.Bytes(Signature, 4).SequenceEqual("PAGE"u8))
            throw h.Error(Signature, $"{structure}.Signature is not \"PAGE\"");
        if (!h.Bytes(ValidDump, 4).SequenceEqual(validDump))
            throw h.Error(ValidDump, $"{structure}.ValidDump is 0x{h.U32(ValidDump):X8}, not \"{System.Text.Encoding.ASCII.GetString(validDump)}\"");
        return header;
    }
}
