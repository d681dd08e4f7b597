using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>Bitmap dumps (DumpType 5, 6, 8-10): a SUMMARY_DUMP header and page bitmap follow the dump header.</summary>
internal static class BitmapDump
{
    public static RunTable ReadRuns(DumpHeader header, IByteSource source, List<string> warnings, out SummaryDumpHeader summary)
    {
        var file = source.Name;
        summary = SummaryDumpHeader.Read(source, header.HeaderSize, header.DumpType);
        var bitmap = PageBitmap.Scan(source, summary.BitmapOffset, (long)summary.BitmapSize, (long)summary.HeaderSize);
        if ((ulong)bitmap.SetBits != summary.Pages)
            warnings.Add($"{file}: SUMMARY_DUMP.Pages (at 0x{summary.Offset + 0x28:X}) is {summary.Pages:N0} but the bitmap has {bitmap.SetBits:N0} bits set; the bitmap is used");
        return RunTable.Validate(bitmap.Runs, file, source.Length, "SUMMARY_DUMP bitmap", summary.BitmapOffset);
    }
}
