using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Coverage;
using MemFs.Vfs.Executables;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Producers;

/// <summary>One process as the tree shows it: its VADs, the ranges that hold data, and its address space.</summary>
public sealed class ProcessView(WindowsSystem system, ProcessInfo process, HolePolicy holes)
{
    /// <summary>x64 user space: 128 TiB.</summary>
    public const long UserSpace = 0x0000_8000_0000_0000;

    private readonly RetryingLazy<IReadOnlyList<VadDescriptor>> _vads = new(() => system.Vads(process).Vads);
    private readonly RetryingLazy<VirtualMemory> _memory = new(() => system.ProcessMemory(process, holes));
    private readonly RetryingLazy<ProcessLoaderLists> _loaderLists = new(() => system.LoaderLists(process));
    private RetryingLazy<IReadOnlyList<LoadedImage>>? _images;
    private PageCoverage? _coverage;
    private (long Start, long End)[]? _dataRanges;
    private ImageRecoveries? _recoveries;

    public WindowsSystem System => system;

    /// <summary>&lt;pid&gt;-&lt;name&gt;, the process's directory under processes/ or unlinked/.</summary>
    public string DirectoryName => $"{process.Pid}-{process.Name.Replace('/', '_')}";
    public ProcessInfo Process => process;
    public HolePolicy Holes => holes;
    public IReadOnlyList<VadDescriptor> Vads => _vads.Value;
    public VirtualMemory Memory => _memory.Value;

    /// <summary>VADs in user space. Reserved private VADs are included: stacks commit their pages one by one, and the
    /// pages never committed are holes (vadmap.txt lists them).</summary>
    public IEnumerable<VadDescriptor> DataVads => Vads.Where(v => v.End < UserSpace);

    public IReadOnlyList<(long Start, long End)> DataRanges =>
        _dataRanges ??= DataVads.Select(v => ((long)v.Start, (long)v.End + 1)).OrderBy(r => r.Item1).ToArray();

    /// <summary>How much of the data VADs reads as bytes, and why the rest does not (coverage.txt); counted once.</summary>
    public PageCoverage Coverage => LazyInitializer.EnsureInitialized(ref _coverage, () => PageCoverage.Of(this));

    /// <summary>The images the process has mapped: loader-list modules first (from any of the three PEB lists), then image VADs no list names.</summary>
    public IReadOnlyList<LoadedImage> Images =>
        LazyInitializer.EnsureInitialized(ref _images, () => new RetryingLazy<IReadOnlyList<LoadedImage>>(() => LoadedImage.Of(LoaderLists.Modules, Vads))).Value;

    /// <summary>The entries of the process's three PEB_LDR_DATA lists and what could not be read of them.</summary>
    public ProcessLoaderLists LoaderLists => _loaderLists.Value;

    /// <summary>The process's main image (EPROCESS.SectionBaseAddress or PEB.ImageBaseAddress), or null when unknown.</summary>
    public LoadedImage? MainImage()
    {
        if (system.ImageBase(process) is not { } imageBase || imageBase >= (ulong)UserSpace) return null;
        return Images.FirstOrDefault(i => i.Base == imageBase)
               ?? new LoadedImage(process.Name, imageBase, Vads.FirstOrDefault(v => v.Contains(imageBase)), LoaderListMembership.None);
    }

    /// <summary>The process's images rebuilt from its memory.</summary>
    public ImageRecoveries Recoveries => LazyInitializer.EnsureInitialized(ref _recoveries, () => new ImageRecoveries(() => Memory));

    /// <summary>SEEK_DATA over user space from <paramref name="address"/>, within <paramref name="ranges"/> (sorted data
    /// ranges, a subset of the data VADs): the first page that is not a hole, or null.</summary>
    public long? SeekData(IReadOnlyList<(long Start, long End)> ranges, long address) => SparseMemory.SeekData(Memory, 0, ranges, address);

    /// <summary>SEEK_HOLE over user space from <paramref name="address"/>: the first hole page, or the end of the last
    /// range when none (the gaps between <paramref name="ranges"/> are holes).</summary>
    public long SeekHole(IReadOnlyList<(long Start, long End)> ranges, long address) => SparseMemory.SeekHole(Memory, 0, ranges, address);

    /// <summary>Reads user space: outside the data VADs is a hole (zeros); inside, the translator's bytes, holes or an error as the policy says.</summary>
    public void Read(long address, Span<byte> destination) => SparseMemory.Read(Memory, 0, DataRanges, address, destination);
}
