using System.Security.Cryptography;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Executables;

/// <summary>
/// One pass over a recovered image: the sha256 of executable.exe, memory.bin and the file on disk, and, where the
/// file on disk is available, executable.exe compared with it byte by byte per part (headers, sections, gaps,
/// overlay). Zero-filled bytes are counted as missing, never as differences.
/// </summary>
public sealed class RecoveryAnalysis
{
    public const int MaxListedDifferences = 200;
    private const int Chunk = 1 << 20;

    /// <summary>
    /// The largest file on disk that is hashed. PE offsets and sizes (SizeOfImage, PointerToRawData, SizeOfRawData) are
    /// 32-bit, so no loadable image file reaches 4 GiB; a larger length is a damaged or hostile claim (an AFF4 aff4:size,
    /// say) whose hash would read exabytes of holes.
    /// </summary>
    public const long MaxHashedDiskFile = 1L << 32;

    /// <summary>How <see cref="Unreadable"/> names the file on disk.</summary>
    public const string DiskName = "the file on disk";

    public sealed record PartComparison(string Part, long Offset, long Length, long Compared, long Differing, long Missing);

    /// <param name="Field">The header field the run lies in, when it is one the loader writes (OptionalHeader.ImageBase).</param>
    public sealed record Difference(long Offset, long Length, string Part, string? Field = null);

    private RecoveryAnalysis(string executableSha256, string memorySha256, string? diskSha256, IReadOnlyList<ZeroFilledRange> zeroFilled,
        IReadOnlyList<PartComparison> parts, IReadOnlyList<Difference> differences, long differenceRuns, string? imageBaseNote, UnreadableRanges unreadable)
    {
        Unreadable = unreadable;
        ImageBaseNote = imageBaseNote;
        ExecutableSha256 = executableSha256;
        MemorySha256 = memorySha256;
        DiskSha256 = diskSha256;
        ZeroFilled = zeroFilled;
        Parts = parts;
        Differences = differences;
        DifferenceRuns = differenceRuns;
    }

    public string ExecutableSha256 { get; }
    public string MemorySha256 { get; }
    public string? DiskSha256 { get; }
    public IReadOnlyList<ZeroFilledRange> ZeroFilled { get; }

    /// <summary>Per part of executable.exe; empty when there is no file on disk.</summary>
    public IReadOnlyList<PartComparison> Parts { get; }

    /// <summary>The first <see cref="MaxListedDifferences"/> runs of differing bytes; <see cref="DifferenceRuns"/> counts all.</summary>
    public IReadOnlyList<Difference> Differences { get; }
    public long DifferenceRuns { get; }

    /// <summary>What executable.exe's OptionalHeader.ImageBase holds and whether it counts as a difference; null without a file on disk.</summary>
    public string? ImageBaseNote { get; }

    /// <summary>Pages that failed to read during the pass (evidence that shrank or broke while mounted): zeros were hashed and nothing compared there.</summary>
    internal UnreadableRanges Unreadable { get; }

    /// <summary>Reads both files as the tree serves them (so the pass also warms the page cache).</summary>
    public static RecoveryAnalysis Run(RecoveredImage image, VfsFile executable, VfsFile memory)
    {
        var zeroFilled = ZeroFilledRange.Of(image);
        var unreadable = new UnreadableRanges();
        var memorySha = Sha256(memory.Length, (at, span) => unreadable.Read(memory.Name, at, span, (o, s) => memory.Read(o, s)));
        using var exeHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var parts = new List<PartComparison>();
        var differences = new List<Difference>();
        long runs = 0;
        var exe = new byte[Chunk];
        var disk = new byte[Chunk];
        var missing = new MissingMask(zeroFilled);
        var imageBase = image.Disk is null ? null : ImageBaseVerdict.Of(image, executable);
        Difference? open = null;
        foreach (var piece in image.Layout.Pieces)
        {
            long compared = 0, differing = 0, missingBytes = 0;
            for (var at = piece.Offset; at < piece.End; at += Chunk)
            {
                var n = (int)Math.Min(Chunk, piece.End - at);
                unreadable.Read(executable.Name, at, exe.AsSpan(0, n), (o, s) => executable.Read(o, s));
                exeHash.AppendData(exe, 0, n);
                if (image.Disk is not { } file) continue;
                var onDisk = (int)Math.Clamp(file.Length - at, 0, n);
                unreadable.Read(DiskName, at, disk.AsSpan(0, onDisk), image.ReadComparable);
                var lost = unreadable.Overlapping(at, n, executable.Name, DiskName);
                for (var i = 0; i < n; i++)
                {
                    var offset = at + i;
                    if (missing.Contains(offset) || (lost.Count > 0 && UnreadableRanges.Cover(lost, offset))) missingBytes++;
                    else if (i >= onDisk) continue;
                    else
                    {
                        compared++;
                        if (exe[i] == disk[i]) continue;
                        var field = imageBase?.FieldAt(offset);
                        if (field is not null && imageBase!.Explained) continue;
                        differing++;
                        if (open is { } run && run.Offset + run.Length == offset && run.Part == piece.Part && run.Field == field) open = run with { Length = run.Length + 1 };
                        else
                        {
                            Close(open, differences, ref runs);
                            open = new Difference(offset, 1, piece.Part, field);
                        }
                    }
                }
            }
            if (image.Disk is not null) parts.Add(new PartComparison(piece.Part, piece.Offset, piece.Length, compared, differing, missingBytes));
        }
        Close(open, differences, ref runs);
        var diskSha = image.Disk is { Length: <= MaxHashedDiskFile } d ? Sha256(d.Length, (at, span) => unreadable.Read(DiskName, at, span, (o, s) => d.Read(o, s))) : null;
        return new RecoveryAnalysis(Convert.ToHexStringLower(exeHash.GetHashAndReset()), memorySha, diskSha, zeroFilled, MergeParts(parts), differences, runs,
            imageBase?.Note, unreadable);
    }

    private static void Close(Difference? run, List<Difference> differences, ref long runs)
    {
        if (run is null) return;
        runs++;
        if (differences.Count < MaxListedDifferences) differences.Add(run);
    }

    /// <summary>A section split into an in-memory and an on-disk piece is reported once.</summary>
    private static List<PartComparison> MergeParts(List<PartComparison> parts)
    {
        var merged = new List<PartComparison>();
        foreach (var p in parts)
        {
            if (merged.Count > 0 && merged[^1] is var last && last.Part == p.Part && last.Offset + last.Length == p.Offset)
                merged[^1] = last with { Length = last.Length + p.Length, Compared = last.Compared + p.Compared, Differing = last.Differing + p.Differing, Missing = last.Missing + p.Missing };
            else merged.Add(p);
        }
        return merged;
    }

    private static string Sha256(long length, Action<long, Span<byte>> read)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[Chunk];
        for (long at = 0; at < length; at += Chunk)
        {
            var n = (int)Math.Min(Chunk, length - at);
            read(at, buffer.AsSpan(0, n));
            hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Membership in the zero-filled ranges for offsets visited in increasing order.</summary>
    private sealed class MissingMask(IReadOnlyList<ZeroFilledRange> ranges)
    {
        private int _next;

        public bool Contains(long offset)
        {
            while (_next < ranges.Count && ranges[_next].End <= offset) _next++;
            return _next < ranges.Count && ranges[_next].Offset <= offset;
        }
    }
}
