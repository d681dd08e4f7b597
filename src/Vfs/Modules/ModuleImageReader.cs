using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;

namespace MemFs.Vfs.Modules;

/// <summary>
/// Reads a mapped image's tables: from memory (which already takes pages that are only in the mapped file from it),
/// and, for a range memory cannot give, from the file on disk when the range lies in the headers or in the raw data
/// of a section the loader maps read-only (IMAGE_SCN_MEM_WRITE clear: its bytes in memory are the file's). Writable
/// sections (the IAT, .data) are never taken from disk. Every range taken from disk or not readable is recorded.
/// </summary>
internal sealed class ModuleImageReader(RecoveredImage image) : IKernelReader
{
    private const uint MemoryWrite = 0x8000_0000;
    private const int PageSize = 4096;
    private const int MaxRecordedPages = 4096;
    private readonly SortedDictionary<long, string> _fromDisk = [];
    private readonly SortedDictionary<long, string> _unreadable = [];

    /// <summary>Runs of image pages read from the file on disk because memory could not give them, with memory's reason.</summary>
    public IEnumerable<string> FromDisk => Runs(_fromDisk);

    /// <summary>Runs of image pages neither memory nor the file could give, with why.</summary>
    public IEnumerable<string> Unreadable => Runs(_unreadable);

    public bool TryRead(ulong va, Span<byte> destination, out string? reason)
    {
        if (image.Headers.Reader.TryRead(va, destination, out reason)) return true;
        var rva = (long)(va - image.Image.Base);
        if (image.Disk is { } disk && FileOffset(rva, destination.Length) is { } offset)
        {
            try
            {
                if (disk.Read(offset, destination) == destination.Length)
                {
                    Record(_fromDisk, rva, destination.Length, $"{reason}; read from {disk.Path}");
                    return true;
                }
                reason += $"; {disk.Path} ends before 0x{offset + destination.Length:X}";
            }
            catch (IOException e)
            {
                reason += $"; {disk.Path}: {e.Message}";
            }
        }
        else if (image.Disk is null) reason += $"; no file on disk ({image.DiskMissing})";
        else reason += "; not in read-only file data, so not taken from the file on disk";
        Record(_unreadable, rva, destination.Length, reason ?? "unreadable");
        return false;
    }

    /// <summary>Reads what the process holds (an IAT's bound values): memory only, never the file on disk.</summary>
    public bool TryReadMemory(ulong va, Span<byte> destination, out string? reason) => image.Headers.Reader.TryRead(va, destination, out reason);

    /// <summary>The file offset of <paramref name="length"/> bytes at <paramref name="rva"/> when they lie in the headers or one read-only section's raw data.</summary>
    private long? FileOffset(long rva, int length)
    {
        var headers = image.Headers;
        var headerBytes = headers.File.SizeOfHeaders == 0 ? PeImageView.HeaderBytes : headers.File.SizeOfHeaders;
        if (rva >= 0 && rva + length <= headerBytes) return rva;
        foreach (var section in headers.Sections)
        {
            if ((section.Characteristics & MemoryWrite) != 0 || section.PointerToRawData == 0) continue;
            var inSection = rva - section.VirtualAddress;
            if (inSection >= 0 && inSection + length <= section.SizeOfRawData) return section.PointerToRawData + inSection;
        }
        return null;
    }

    /// <summary>Notes every page the range touches (the reason names the failing address); at most <see cref="MaxRecordedPages"/> pages are kept.</summary>
    private static void Record(SortedDictionary<long, string> pages, long rva, int length, string reason)
    {
        for (var page = rva / PageSize; page <= (rva + length - 1) / PageSize && pages.Count < MaxRecordedPages; page++)
            pages.TryAdd(page, reason);
    }

    /// <summary>Consecutive pages merged: "RVA 0xA000-0xBFFF (2 pages): reason" for the first page of each run.</summary>
    private static IEnumerable<string> Runs(SortedDictionary<long, string> pages)
    {
        long first = -1, last = -1;
        string? reason = null;
        foreach (var (page, why) in pages)
        {
            if (page == last + 1 && first >= 0)
            {
                last = page;
                continue;
            }
            if (first >= 0) yield return Run(first, last, reason!);
            (first, last, reason) = (page, page, why);
        }
        if (first >= 0) yield return Run(first, last, reason!);
    }

    private static string Run(long first, long last, string reason) =>
        $"RVA 0x{first * PageSize:X}-0x{(last + 1) * PageSize - 1:X} ({last - first + 1} pages): {reason}";
}
