using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>
/// /processes/&lt;pid&gt;-&lt;name&gt;/vmem: the whole 128 TiB user address space, offset = virtual address. Sparse:
/// st_blocks comes from the VADs; SEEK_DATA/SEEK_HOLE from the VADs and, inside them, from each page (a page without
/// bytes is a hole under the mount's policy), so grep and cp --sparse skip the unmapped space and the holes.
/// </summary>
internal sealed class VmemFile(ProcessView process, ChunkCache cache) : CachedFile("vmem", cache)
{
    public override long Length => ProcessView.UserSpace;
    public override long AllocatedBytes => process.DataRanges.Sum(r => r.End - r.Start);
    public override long? SeekData(long offset) => offset < Length ? process.SeekData(process.DataRanges, offset) : null;
    public override long? SeekHole(long offset) => offset < Length ? Math.Min(process.SeekHole(process.DataRanges, offset), Length) : null;

    protected override void ReadUncached(long offset, Span<byte> destination) => process.Read(offset, destination);
}
