using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Executables;

/// <summary>
/// One PE image recovered from a process (its main image or a module): the image as mapped (memory.bin), the
/// headers executable.exe is rebuilt from, the file on disk when a file source has it, and executable.exe's layout.
/// </summary>
public sealed class RecoveredImage
{
    private RecoveredImage(string name, MappedImage image, PeImageView headers, string headerSource, DiskFile? disk, string? diskMissing, ExecutableLayout layout, IReadOnlyList<string> notes)
    {
        Name = name;
        Image = image;
        Headers = headers;
        HeaderSource = headerSource;
        Disk = disk;
        DiskMissing = diskMissing;
        Layout = layout;
        Notes = notes;
    }

    public string Name { get; }
    public MappedImage Image { get; }
    public PeImageView Headers { get; }

    /// <summary>"memory", or "the file on disk" with why memory's headers were not used.</summary>
    public string HeaderSource { get; }
    public DiskFile? Disk { get; }

    /// <summary>Why there is no file on disk to fill from and compare with (null when there is).</summary>
    public string? DiskMissing { get; }
    public ExecutableLayout Layout { get; }
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The image at <paramref name="image"/>'s base in <paramref name="memory"/>, or null with why it cannot be rebuilt
    /// (no usable headers in memory nor on disk).
    /// </summary>
    public static RecoveredImage? Open(VirtualMemory memory, LoadedImage image, out string? why)
    {
        var (name, imageBase, vad) = (image.Name, image.Base, image.Vad);
        var disk = DiskFile.Find(memory.Translator.Space, image.DiskPath, out var diskMissing);
        var reader = new ProcessMemoryReader(memory);
        var headers = PeImageView.TryOpen(reader, imageBase, out var memoryWhy);
        var headerSource = "memory";
        if (headers is null)
        {
            var diskWhy = diskMissing;
            if (disk is null || DiskHeaders(reader, imageBase, disk, out diskWhy) is not { } fromDisk)
            {
                why = $"no usable PE headers at 0x{imageBase:X}: in memory {memoryWhy}; on disk {(disk is null ? diskWhy : $"{disk.Path} (0x{disk.Length:X} bytes): {diskWhy}")}";
                return null;
            }
            headers = fromDisk;
            headerSource = $"the file on disk (the headers in memory: {memoryWhy})";
        }
        var notes = new List<string>();
        long size = headers.SizeOfImage;
        if (vad is not null && imageBase + (ulong)size - 1 > vad.End)
        {
            var inVad = (long)(vad.End - imageBase + 1);
            notes.Add($"SizeOfImage 0x{size:X} runs past the image's VAD (0x{vad.Start:X}-0x{vad.End:X}); cut to 0x{inVad:X}");
            size = inVad;
        }
        else if (vad is null && image.Size is { } listed and > 0 && listed < size)
        {
            notes.Add($"SizeOfImage 0x{size:X} is larger than the module list's 0x{listed:X}; cut to it");
            size = listed;
        }
        var layout = ExecutableLayout.Build(headers, size, disk?.Length, headerSource != "memory");
        notes.AddRange(layout.Notes);
        if (disk is not null && ClaimedFileLength.Of(headers) is var claimed && disk.Length < claimed)
            notes.Add($"the file on disk ends at 0x{disk.Length:X} but its headers say 0x{claimed:X}: what lies past its end is zero-filled and listed below");
        why = null;
        return new RecoveredImage(name, new MappedImage(memory, imageBase, size), headers, headerSource, disk, diskMissing, layout, notes);
    }

    /// <summary>The file on disk's own headers, parsed as the image at <paramref name="imageBase"/>.</summary>
    private static PeImageView? DiskHeaders(IKernelReader reader, ulong imageBase, DiskFile disk, out string? why)
    {
        var page = new byte[PeImageView.HeaderBytes];
        try
        {
            disk.Read(0, page.AsSpan(0, (int)Math.Min(page.Length, disk.Length)));
        }
        catch (IOException e)
        {
            why = e.Message;
            return null;
        }
        return PeImageView.Parse(reader, imageBase, page, out why);
    }

    /// <summary>
    /// How the file on disk's bytes are made comparable with memory: when the image is not at the file's preferred
    /// base, its relocated values (and the header's ImageBase) are adjusted by <see cref="Relocation"/>.Delta first.
    /// </summary>
    public (BaseRelocations? Sites, ulong Delta, string Note) Relocation =>
        LazyInitializer.EnsureInitialized(ref _relocation, () => new RetryingLazy<(BaseRelocations?, ulong, string)>(ReadRelocations)).Value;

    private RetryingLazy<(BaseRelocations?, ulong, string)>? _relocation;

    /// <summary>The file on disk's OptionalHeader.ImageBase (where it prefers to load); null without usable file headers.</summary>
    public ulong? PreferredBase => FileHeaders.Headers?.File.ImageBase;

    /// <summary>The file on disk's own headers, parsed once; null with why when there is no file or they are unusable.</summary>
    private (PeImageView? Headers, string? Why) FileHeaders =>
        LazyInitializer.EnsureInitialized(ref _fileHeaders, () => new RetryingLazy<(PeImageView?, string?)>(() =>
            Disk is null ? (null, "no file on disk") : (DiskHeaders(Headers.Reader, Image.Base, Disk, out var why), why))).Value;

    private RetryingLazy<(PeImageView?, string?)>? _fileHeaders;

    private (BaseRelocations?, ulong, string) ReadRelocations()
    {
        if (Disk is null) return (null, 0, "no file on disk");
        // Memory's headers may carry the load address in ImageBase: the preferred base is the file's.
        if (FileHeaders is not ({ } fileHeaders, _))
            return (null, 0, $"the file's headers are unusable ({FileHeaders.Why}): relocated addresses count as differences");
        var preferred = fileHeaders.File.ImageBase;
        if (preferred == Image.Base) return (null, 0, $"loaded at the file's preferred base 0x{preferred:X}: nothing relocated");
        var delta = Image.Base - preferred;
        var where = $"the file prefers 0x{preferred:X}, the image is at 0x{Image.Base:X}";
        return BaseRelocations.Read(Disk, fileHeaders, out var missing) is { } sites
            ? (sites, delta, $"{where}: {sites.Count} relocated values (and ImageBase) adjusted in the file's bytes before comparing")
            : (null, 0, $"{where}, but {missing}: relocated addresses count as differences");
    }

    /// <summary>
    /// The file on disk's bytes at <paramref name="offset"/> as executable.exe should hold them if nothing was changed
    /// in memory: relocated where executable.exe's bytes come from pages that were in memory (the loader relocated
    /// those), as the file has them where they came from the file itself.
    /// </summary>
    public void ReadComparable(long offset, Span<byte> destination)
    {
        Disk!.Read(offset, destination);
        var (sites, delta, _) = Relocation;
        if (sites is null) return;
        var relocated = destination.ToArray();
        sites.Apply(relocated, offset, delta, Disk);
        foreach (var (from, end, _, page) in Segments(offset, offset + destination.Length))
            if (page is { Origin: not PageOrigin.Disk })
                relocated.AsSpan((int)(from - offset), (int)(end - from)).CopyTo(destination[(int)(from - offset)..]);
    }

    /// <summary>
    /// executable.exe's bytes [<paramref name="from"/>, <paramref name="to"/>) split where their source changes: each
    /// segment lies in one layout piece and, for a piece taken from the image, in one page of it (whose origin it gives).
    /// </summary>
    public IEnumerable<(long Offset, long End, FilePiece Piece, ImagePage? Page)> Segments(long from, long to)
    {
        for (var at = from; at < to;)
        {
            var piece = Layout.PieceAt(at);
            var end = Math.Min(to, piece.End);
            if (piece.Source != PieceSource.Image)
            {
                yield return (at, end, piece, null);
                at = end;
                continue;
            }
            var rva = piece.SourceOffset + (at - piece.Offset);
            var pageEnd = Math.Min(end, at + (4096 - rva % 4096));
            yield return (at, pageEnd, piece, Image.PageAt(rva));
            at = pageEnd;
        }
    }

    /// <summary>Reads executable.exe's bytes at <paramref name="offset"/> (inside the file).</summary>
    public void ReadExecutable(long offset, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var at = offset + done;
            var piece = Layout.PieceAt(at);
            var n = (int)Math.Min(destination.Length - done, piece.End - at);
            var part = destination.Slice(done, n);
            var from = piece.SourceOffset + (at - piece.Offset);
            switch (piece.Source)
            {
                case PieceSource.Image:
                    Image.Read(from, part);
                    break;
                case PieceSource.Disk:
                    Disk!.Read(from, part);
                    break;
                default:
                    part.Clear();
                    break;
            }
            done += n;
        }
    }
}
