using MemFs.Translate.Paging.KernelSpace;

namespace MemFs.Vfs.Kernel;

/// <summary>Mapped kernel pages from <see cref="Start"/> to <see cref="Last"/> (inclusive) with one label and one page kind.</summary>
internal sealed record KernelArea(ulong Start, ulong Last, string Label, KernelPageKind Kind)
{
    public long Pages => (long)((Last - Start) >> 12) + 1;
}
