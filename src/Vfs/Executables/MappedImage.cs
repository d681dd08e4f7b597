using MemFs.Translate.Paging;
using MemFs.Translate.Concurrency;

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
    private RetryingLazy<(ImagePage[] Pages, Resolution[] Resolutions)>? _translated;

    public ulong Base => imageBase;
    public long Size => size;
    public int PageCount => (int)((size + PageSize - 1) / PageSize);

    public IReadOnlyList<ImagePage> Pages => Translated.Pages;

    private (ImagePage[] Pages, Resolution[] Resolutions) Translated =>
        LazyInitializer.EnsureInitialized(ref _translated, () => new RetryingLazy<(ImagePage[], Resolution[])>(Translate)).Value;

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
            else memory.Read(imageBase + (ulong)at, Translated.Resolutions.AsSpan((int)(at / PageSize), (int)((end - 1) / PageSize - at / PageSize + 1)), run);
            done += run.Length;
        }
    }

    /// <summary>
    /// For a page read from a mapped file that ends before the page's file data does (a file on disk shorter than its
    /// subsection says): the RVA where the file's bytes stop (the rest of the page reads as zeros) and the file's
    /// length; otherwise null.
    /// </summary>
    public (long Rva, long FileLength)? FileEndInPage(long rva)
    {
        var page = (int)(rva / PageSize);
        var resolution = Translated.Resolutions[page];
        if (resolution.State != PageState.FileMapping || !resolution.Readable || resolution.Location is not { FilePath: { } path } location) return null;
        if (memory.Translator.Space.FileLength(path, out _) is not { } length) return null;
        var inFile = length - location.Offset;
        return inFile < resolution.DataBytes ? ((long)page * PageSize + Math.Max(0, inFile), length) : null;
    }

    private bool IsZeroFilled(long rva) => PageAt(rva).Origin == PageOrigin.ZeroFilled;

    /// <summary>Translates every page once; reads use these resolutions instead of walking the tables again.</summary>
    private (ImagePage[], Resolution[]) Translate()
    {
        var resolutions = new Resolution[PageCount];
        for (var first = 0; first < resolutions.Length; first += Batch)
        {
            var count = Math.Min(Batch, resolutions.Length - first);
            memory.Translator.TranslatePages(memory.Dtb, imageBase + (ulong)first * PageSize, resolutions.AsSpan(first, count), memory.Vads);
        }
        return (resolutions.Select(ImagePage.From).ToArray(), resolutions);
    }
}
