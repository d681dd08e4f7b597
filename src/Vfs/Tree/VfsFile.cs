using MemFs.Translate.Physical;

namespace MemFs.Vfs.Tree;

/// <summary>
/// A read-only file. Reads are positional and thread-safe; a range that cannot be produced throws an
/// <see cref="IOException"/>, which hosts report as EIO for that read only. Sparse files say where their data is
/// (SEEK_DATA/SEEK_HOLE) and how much of them is backed (st_blocks), so grep and cp skip the holes.
/// </summary>
public abstract class VfsFile(string name) : VfsNode(name)
{
    public abstract long Length { get; }

    /// <summary>False while <see cref="Length"/> would cost producing the file (it is rendered whole): hosts then list it
    /// without attributes, so listing a directory does not render every picture in it.</summary>
    public virtual bool LengthKnown => true;

    /// <summary>True for a file produced whole on first read (a report, a picture): its length is not known before
    /// then, so the FUSE host serves it with direct_io and reports size 0 until it has been read once.</summary>
    public virtual bool ProducedWhole => false;

    /// <summary>Bytes that hold data (st_blocks × 512); less than <see cref="Length"/> for sparse files.</summary>
    public virtual long AllocatedBytes => Length;

    /// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="offset"/>; fewer only at the end of the file.</summary>
    public abstract int Read(long offset, Span<byte> destination);

    /// <summary>
    /// Where <paramref name="length"/> bytes at <paramref name="offset"/> (all within the file) lie in an evidence file,
    /// when they are one plain range of it that it still holds: a host may then have the kernel copy them from there
    /// (splice) instead of reading them. Null for every other read; the bytes are those <see cref="Read"/> gives.
    /// </summary>
    public virtual EvidenceRange? PlainRange(long offset, int length) => null;

    /// <summary>A read of a file held in <paramref name="bytes"/>: what is left of them at <paramref name="offset"/>, up to the destination's length.</summary>
    private protected static int ReadFrom(byte[] bytes, long offset, Span<byte> destination)
    {
        if (offset >= bytes.Length) return 0;
        var n = (int)Math.Min(destination.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    /// <summary>SEEK_DATA: the first data byte at or after <paramref name="offset"/>, or null (ENXIO) when none follows.</summary>
    public virtual long? SeekData(long offset) => offset < Length ? offset : null;

    /// <summary>SEEK_HOLE: the first hole at or after <paramref name="offset"/> (the end of the file counts as one).</summary>
    public virtual long? SeekHole(long offset) => offset < Length ? Length : null;
}
