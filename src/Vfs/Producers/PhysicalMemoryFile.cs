using MemFs.Aff4.Caching;
using MemFs.Translate.Physical;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>
/// /image/physical.raw: the physical address space as a sparse file. Holes read as zeros, as holes of any sparse
/// file do, and SEEK_HOLE/st_blocks say where they are; every byte of a run comes from the image.
/// </summary>
public sealed class PhysicalMemoryFile(IPhysicalMemory memory, ChunkCache cache) : CachedFile("physical.raw", cache)
{
    private readonly IReadOnlyList<(long Start, long End)> _runs = memory.Runs.Select(r => (r.Start, r.End)).ToArray();

    public override long Length => _runs.Count == 0 ? 0 : _runs[^1].End;
    public override long AllocatedBytes => _runs.Sum(r => r.End - r.Start);
    public override long? SeekData(long offset) => Ranges.SeekData(_runs, offset, Length);
    public override long? SeekHole(long offset) => Ranges.SeekHole(_runs, offset, Length);

    protected override byte[] ProducePage(long index)
    {
        var page = new byte[PageLength(index)];
        PhysicalReads.Read(memory, index * PageSize, page, zeroHoles: true);
        return page;
    }
}
