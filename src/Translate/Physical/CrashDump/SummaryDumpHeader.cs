using System.Text;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// The SUMMARY_DUMP header of a bitmap dump, right after the dump header: Signature "SDMP" (summary) or
/// "FDMP" (full) +0, ValidDump "DUMP" +4, DumpOptions u32 +8, HeaderSize u64 +0x20 (file offset of the first
/// page), Pages u64 +0x28 (set bits), BitmapSize u64 +0x30 (bits), bitmap from +0x38.
/// </summary>
internal sealed record SummaryDumpHeader(long Offset, string Signature, uint DumpOptions, ulong HeaderSize, ulong Pages, ulong BitmapSize)
{
    public const int BitmapStart = 0x38;

    private const int SignatureField = 0x0;
    private const int ValidDump = 0x4;
    private const int DumpOptionsField = 0x8;
    private const int HeaderSizeField = 0x20;
    private const int PagesField = 0x28;
    private const int BitmapSizeField = 0x30;

    /// <summary>Bitmaps cover at most 2^40 pages, the 52-bit physical address space.</summary>
    public const ulong MaxBitmapSize = 1UL << 40;

    public long BitmapOffset => Offset + BitmapStart;
    public long BitmapBytes => (long)((BitmapSize + 7) / 8);

    public static SummaryDumpHeader Read(IByteSource source, long offset, uint dumpType)
    {
        var file = source.Name;
        if (source.Length - offset < BitmapStart)
            throw new ImageFormatException(file, offset,
                $"SUMMARY_DUMP (0x{BitmapStart:X} bytes) of a DumpType {dumpType} dump lies past the end of the file (0x{source.Length:X} bytes): truncated");
        var h = source.ReadStructure(offset, BitmapStart, "SUMMARY_DUMP");
        var signature = h.Bytes(SignatureField, 4, "Signature");
        if (!(signature.SequenceEqual("SDMP"u8) || signature.SequenceEqual("FDMP"u8)) || !h.Bytes(ValidDump, 4).SequenceEqual("DUMP"u8))
            throw h.Error(SignatureField,
                $"SUMMARY_DUMP.Signature/ValidDump is \"{Printable(h.Bytes(SignatureField, 8, "Signature"))}\", not \"SDMPDUMP\" or \"FDMPDUMP\": a DumpType {dumpType} dump needs its page bitmap here");
        var header = new SummaryDumpHeader(offset, Encoding.ASCII.GetString(signature),
            h.U32(DumpOptionsField, "DumpOptions"),
            h.U64(HeaderSizeField, "HeaderSize"),
            h.U64(PagesField, "Pages"),
            h.U64(BitmapSizeField, "BitmapSize"));
        header.Validate(source);
        return header;
    }

    private void Validate(IByteSource source)
    {
        var file = source.Name;
        if (BitmapSize > MaxBitmapSize)
            throw new ImageFormatException(file, Offset + BitmapSizeField,
                $"SUMMARY_DUMP.BitmapSize is 0x{BitmapSize:X} pages, more than the 2^40 pages of a 52-bit physical address space");
        var bitmapEnd = BitmapOffset + BitmapBytes;
        if (bitmapEnd > source.Length)
            throw new ImageFormatException(file, BitmapOffset,
                $"SUMMARY_DUMP.BitmapSize 0x{BitmapSize:X} needs a bitmap of 0x{BitmapBytes:X} bytes ending at 0x{bitmapEnd:X}, past the end of the file (0x{source.Length:X} bytes): the bitmap is truncated");
        if (HeaderSize < (ulong)bitmapEnd || HeaderSize > (ulong)RunTable.MaxPhysicalAddress)
            throw new ImageFormatException(file, Offset + HeaderSizeField,
                $"SUMMARY_DUMP.HeaderSize 0x{HeaderSize:X} does not lie after the bitmap, which ends at 0x{bitmapEnd:X}");
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '.';
        return new string(chars);
    }
}
