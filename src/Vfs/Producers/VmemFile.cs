using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>
/// /processes/&lt;pid&gt;-&lt;name&gt;/vmem: the whole 128 TiB user address space, offset = virtual address. Sparse:
/// SEEK_DATA/SEEK_HOLE and st_blocks come from the VADs, so grep and cp --sparse skip the unmapped space.
/// </summary>
internal sealed class VmemFile(ProcessView process, ChunkCache cache) : CachedFile("vmem", cache)
{
    public override long Length => ProcessView.UserSpace;
    public override long AllocatedBytes => process.DataRanges.Sum(r => r.End - r.Start);
    public override long? SeekData(long offset) => Ranges.SeekData(process.DataRanges, offset, Length);
    public override long? SeekHole(long offset) => Ranges.SeekHole(process.DataRanges, offset, Length);

    protected override void ReadUncached(long offset, Span<byte> destination) => process.Read(offset, destination);
}
