using System.Buffers;
using MemFs.Translate.Paging;

namespace MemFs.Vfs.Executables;

/// <summary>
/// A PE image as mapped in a process, from its base for SizeOfImage bytes: every page's origin (translated once),
/// and reads that take each page from memory or the mapped file, zero-filling only pages that are neither (the
/// origins say which). A page whose source is damaged fails the read (IOException), never turns into zeros.
/// </summary>
public sealed class MappedImage(VirtualMemory memory, ulong imageBase, long size)
{
    private const int PageSize = 4096;
    private const int Batch = 512;
    private ImagePage[]? _pages;

    public ulong Base => imageBase;
    public long Size => size;
    public int PageCount => (int)((size + PageSize - 1) / PageSize);

    public IReadOnlyList<ImagePage> Pages => _pages ??= Translate();

    public ImagePage PageAt(long rva) => Pages[(int)(rva / PageSize)];

    /// <summary>Reads image bytes at <paramref name="rva"/>; the range must lie inside the image.</summary>
    public void Read(long rva, Span<byte> destination)
    {
        if (rva < 0 || rva + destination.Length > size) throw new ArgumentOutOfRangeException(nameof(rva), $"RVA 0x{rva:X}+0x{destination.Length:X} lies outside the image (0x{size:X} bytes)");
        var limit = rva + destination.Length;
        var done = 0;
        while (done < destination.Length)
        {
            var at = rva + done;
            var filled = IsZeroFilled(at);
            // A run of pages that are all zero-filled, or all readable, is handled in one step.
            var end = Math.Min((at / PageSize + 1) * PageSize, limit);
            while (end < limit && IsZeroFilled(end) == filled) end = Math.Min(end + PageSize, limit);
            var run = destination.Slice(done, (int)(end - at));
            if (filled) run.Clear();
            else memory.Read(imageBase + (ulong)at, run);
            done += run.Length;
        }
    }

    private bool IsZeroFilled(long rva) => PageAt(rva).Origin == PageOrigin.ZeroFilled;

    private ImagePage[] Translate()
    {
        var pages = new ImagePage[PageCount];
        var resolutions = ArrayPool<Resolution>.Shared.Rent(Batch);
        try
        {
            for (var first = 0; first < pages.Length; first += Batch)
            {
                var count = Math.Min(Batch, pages.Length - first);
                var batch = resolutions.AsSpan(0, count);
                memory.Translator.TranslatePages(memory.Dtb, imageBase + (ulong)first * PageSize, batch, memory.Vads);
                for (var i = 0; i < count; i++) pages[first + i] = ImagePage.From(batch[i]);
            }
        }
        finally
        {
            ArrayPool<Resolution>.Shared.Return(resolutions);
        }
        return pages;
    }
}
