using MemFs.Translate.Physical;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Producers;

/// <summary>
/// /image/physical.raw: the physical address space as a sparse file. Holes read as zeros, as holes of any sparse
/// file do, and SEEK_HOLE/st_blocks say where they are; every byte of a run comes from the image. Read straight from
/// the image, not through the page cache: raw files are read with one positional read per run touched and compressed
/// formats cache their own chunks, so a second copy would only cost time.
/// </summary>
internal sealed class PhysicalMemoryFile(IPhysicalMemory memory) : VfsFile("physical.raw")
{
    private readonly IReadOnlyList<(long Start, long End)> _runs = memory.Runs.Select(r => (r.Start, r.End)).ToArray();

    public override long Length => _runs.Count == 0 ? 0 : _runs[^1].End;
    public override long AllocatedBytes => _runs.Sum(r => r.End - r.Start);
    public override long? SeekData(long offset) => Ranges.SeekData(_runs, offset, Length);
    public override long? SeekHole(long offset) => Ranges.SeekHole(_runs, offset, Length);

    public override EvidenceRange? PlainRange(long offset, int length) =>
        memory is IPlainRanges plain && offset >= 0 && length > 0 && offset + length <= Length ? plain.Locate(offset, length) : null;

    public override int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length) return 0;
        var n = (int)Math.Min(destination.Length, Length - offset);
        PhysicalReads.Read(memory, offset, destination[..n], zeroHoles: true);
        return n;
    }
}
