using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Executables;

/// <summary>
/// The file layout executable.exe is rebuilt in (Rekall's procdump, Volatility's procexedump): the headers at 0, each
/// section's SizeOfRawData bytes at its PointerToRawData taken from the section's RVA in memory, then the overlay
/// (bytes past the last section) from the file on disk. Raw bytes past what the loader maps (SizeOfRawData beyond
/// the section's aligned VirtualSize), gaps between sections and the overlay come from the file on disk when it is
/// available, else they are missing (zero-filled and reported).
/// </summary>
public sealed class ExecutableLayout
{
    /// <summary>No executable.exe is built larger than this, whatever the headers say.</summary>
    public const long MaxLength = 1L << 30;

    private ExecutableLayout(IReadOnlyList<FilePiece> pieces, IReadOnlyList<string> notes)
    {
        Pieces = pieces;
        Notes = notes;
        Length = pieces.Count == 0 ? 0 : pieces[^1].End;
    }

    public IReadOnlyList<FilePiece> Pieces { get; }
    public long Length { get; }

    /// <summary>What was left out or clipped, and why (hostile or damaged headers).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <param name="headers">The PE headers (from memory, or from the file on disk when memory's are unusable).</param>
    /// <param name="imageSize">The mapped image's size (SizeOfImage, clipped to its VAD).</param>
    /// <param name="diskLength">The length of the file on disk, or null when it is not available.</param>
    /// <param name="headersFromDisk">The headers in memory are unusable: take them from the file on disk.</param>
    public static ExecutableLayout Build(PeImageView headers, long imageSize, long? diskLength, bool headersFromDisk)
    {
        var notes = new List<string>();
        var wanted = new List<FilePiece>();
        var headerBytes = Math.Min(headers.File.SizeOfHeaders == 0 ? PeImageView.HeaderBytes : headers.File.SizeOfHeaders, imageSize);
        wanted.Add(headersFromDisk
            ? new FilePiece(0, headerBytes, PieceSource.Disk, 0, "headers")
            : new FilePiece(0, headerBytes, PieceSource.Image, 0, "headers"));
        var limit = Limit(imageSize, diskLength);
        var alignment = headers.File.SectionAlignment is > 0 and <= 1u << 20 ? headers.File.SectionAlignment : 4096u;
        foreach (var section in headers.Sections)
        {
            if (section.SizeOfRawData == 0 || section.PointerToRawData == 0) continue;
            long start = section.PointerToRawData, length = section.SizeOfRawData;
            if (start + length > limit)
            {
                notes.Add($"section {section.Name}: raw data 0x{start:X}+0x{length:X} lies past 0x{limit:X}, further than a file of this image reaches; left out");
                continue;
            }
            var virtualSize = section.VirtualSize == 0 ? length : (section.VirtualSize + alignment - 1) / alignment * alignment;
            var mapped = Math.Max(0, Math.Min(Math.Min(length, virtualSize), imageSize - section.VirtualAddress));
            if (mapped > 0) wanted.Add(new FilePiece(start, mapped, PieceSource.Image, section.VirtualAddress, section.Name));
            if (mapped < length) wanted.AddRange(FromDisk(start + mapped, length - mapped, section.Name, diskLength));
        }
        return new ExecutableLayout(Arrange(wanted, diskLength, ClaimedFileLength.Of(headers), limit, notes), notes);
    }

    /// <summary>
    /// How far a file of this image reaches: the file on disk's length, or twice the image's size (every raw byte of
    /// a section is mapped inside SizeOfImage, so headers and raw data together are about the image's size), at most
    /// <see cref="MaxLength"/>. Claims past it (a section's PointerToRawData, the certificate table) are damage, and
    /// rebuilding up to them would only make gigabytes of zero-filled bytes to hash and compare.
    /// </summary>
    private static long Limit(long imageSize, long? diskLength) => Math.Min(MaxLength, Math.Max(diskLength ?? 0, 2 * imageSize));

    /// <summary>The piece holding file offset <paramref name="offset"/> (which must be inside the file).</summary>
    public FilePiece PieceAt(long offset) => Pieces[Ranges.LastStartingAtOrBefore(Pieces, p => p.Offset, offset)];

    /// <summary>The RVA file offset <paramref name="offset"/> was taken from, or null when that byte is not from the image.</summary>
    public long? RvaOf(long offset)
    {
        var piece = PieceAt(offset);
        return piece.Source == PieceSource.Image ? piece.SourceOffset + offset - piece.Offset : null;
    }

    /// <summary>
    /// Sorts the pieces, clips overlaps (the earlier piece wins), fills gaps and appends the overlay: the file on disk's
    /// bytes past the sections, up to its end or, when it is shorter than its headers say, to <paramref name="claimedLength"/>
    /// (the part it lacks missing).
    /// </summary>
    private static List<FilePiece> Arrange(List<FilePiece> wanted, long? diskLength, long claimedLength, long limit, List<string> notes)
    {
        var pieces = new List<FilePiece>();
        long end = 0;
        foreach (var piece in wanted.OrderBy(p => p.Offset).ThenBy(p => p.Part == "headers" ? 0 : 1))
        {
            var p = piece;
            if (p.Offset < end)
            {
                var overlap = Math.Min(end - p.Offset, p.Length);
                notes.Add($"{p.Part}: file bytes 0x{p.Offset:X}+0x{overlap:X} overlap the part before; that part's bytes are kept");
                p = p with { Offset = p.Offset + overlap, Length = p.Length - overlap, SourceOffset = p.SourceOffset + overlap };
                if (p.Length <= 0) continue;
            }
            if (p.Offset > end) pieces.AddRange(FromDisk(end, p.Offset - end, "gap", diskLength));
            pieces.Add(p);
            end = p.End;
        }
        if (diskLength is { } length && Math.Max(length, claimedLength) is var fileEnd && fileEnd > end)
        {
            if (fileEnd > limit) notes.Add($"the file on disk is 0x{fileEnd:X} bytes by its headers; its overlay is cut at 0x{limit:X}, further than a file of this image reaches");
            var overlayEnd = Math.Min(fileEnd, limit);
            if (overlayEnd > end) pieces.AddRange(FromDisk(end, overlayEnd - end, "overlay", length));
        }
        return pieces;
    }

    /// <summary>File bytes the image does not hold: from the file on disk as far as it reaches, the rest missing.</summary>
    private static IEnumerable<FilePiece> FromDisk(long offset, long length, string part, long? diskLength)
    {
        var onDisk = Math.Clamp((diskLength ?? 0) - offset, 0, length);
        if (onDisk > 0) yield return new FilePiece(offset, onDisk, PieceSource.Disk, offset, part);
        if (onDisk < length) yield return new FilePiece(offset + onDisk, length - onDisk, PieceSource.Missing, offset + onDisk, part);
    }
}
