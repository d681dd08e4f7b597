using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Kernel;

/// <summary>
/// /kernel/vmem: the kernel half of the address space, 128 TiB, offset = virtual address − 0xFFFF800000000000. Sparse:
/// SEEK_DATA/SEEK_HOLE come from the kernel's page tables (whole absent entries skipped at once) and,
/// inside what they map, from each page (a page without bytes is a hole under the mount's policy).
/// </summary>
internal sealed class KernelVmemFile(KernelView kernel, ChunkCache cache) : CachedFile("vmem", cache)
{
    public override long Length => KernelView.Length;
    /// <summary>0 until the page tables have been walked, so ls -l and stat never walk them; then the mapped bytes.</summary>
    public override long AllocatedBytes => kernel.MapKnown ? kernel.DataRanges.Sum(r => r.End - r.Start) : 0;
    public override long? SeekData(long offset) => kernel.SeekData(offset);
    public override long? SeekHole(long offset) => kernel.SeekHole(offset);

    protected override void ReadUncached(long offset, Span<byte> destination) => kernel.Read(offset, destination);
}
