using MemFs.Translate.Concurrency;
using MemFs.Translate.Paging;
using MemFs.Translate.Paging.KernelSpace;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Kernel;

/// <summary>
/// The kernel half of the address space as /kernel shows it: its page-table map (walked once), the drivers that label
/// it, and reads through the translator with the kernel DTB (the System process's DirectoryTableBase). File offset o
/// of /kernel/vmem is virtual address 0xFFFF800000000000 + o.
/// </summary>
internal sealed class KernelView(WindowsSystem system, HolePolicy holes)
{
    /// <summary>The kernel address at offset 0 of /kernel/vmem: PML4 entry 256.</summary>
    public const ulong Origin = KernelPageMap.KernelStart;

    /// <summary>The kernel half: 128 TiB, like a process's user half.</summary>
    public const long Length = 1L << 47;

    private readonly RetryingLazy<KernelPageMap> _map = new(() => KernelPageWalk.Of(system.Translator, system.Translator.KernelDtb));
    private readonly RetryingLazy<LoaderListWalker.Result> _modules = new(system.KernelModules);
    private readonly VirtualMemory _memory = new(system.Translator, system.Translator.KernelDtb, null, holes);
    private (long Start, long End)[]? _dataRanges;

    public WindowsSystem System => system;
    public HolePolicy Holes => holes;
    public VirtualMemory Memory => _memory;
    public KernelPageMap Map => _map.Value;

    /// <summary>PsLoadedModuleList's drivers (and why it could not be walked, if so).</summary>
    public LoaderListWalker.Result Modules => _modules.Value;

    /// <summary>The mapped runs as sorted file offsets [Start, End), adjacent runs joined.</summary>
    public IReadOnlyList<(long Start, long End)> DataRanges
    {
        get
        {
            if (Volatile.Read(ref _dataRanges) is { } known) return known;
            var ranges = Offsets(Map.Runs);
            Volatile.Write(ref _dataRanges, ranges);
            return ranges;
        }
    }

    /// <summary>Whether the page tables have been walked (by a read or a seek of vmem): stat does not walk them.</summary>
    public bool MapKnown => Volatile.Read(ref _dataRanges) is not null;

    public long? SeekData(long offset) => offset < Length ? SparseMemory.SeekData(Memory, Origin, DataRanges, offset) : null;

    public long? SeekHole(long offset) => offset < Length ? Math.Min(SparseMemory.SeekHole(Memory, Origin, DataRanges, offset), Length) : null;

    public void Read(long offset, Span<byte> destination) => SparseMemory.Read(Memory, Origin, DataRanges, offset, destination);

    /// <summary>The offset of kernel address <paramref name="va"/> in /kernel/vmem.</summary>
    public static long OffsetOf(ulong va) => (long)(va - Origin);

    private static (long Start, long End)[] Offsets(IReadOnlyList<KernelPageRun> runs)
    {
        var ranges = new List<(long Start, long End)>(runs.Count);
        foreach (var run in runs)
        {
            if (run.Last < Origin) continue;
            var start = OffsetOf(Math.Max(run.Start, Origin));
            var end = OffsetOf(run.Last) + 1;
            if (ranges.Count > 0 && ranges[^1].End == start) ranges[^1] = (ranges[^1].Start, end);
            else ranges.Add((start, end));
        }
        return ranges.ToArray();
    }
}
