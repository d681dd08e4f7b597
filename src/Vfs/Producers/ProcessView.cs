using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Executables;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Producers;

/// <summary>One process as the tree shows it: its VADs, the ranges that hold data, and its address space.</summary>
internal sealed class ProcessView(WindowsSystem system, ProcessInfo process, bool zeroFill)
{
    /// <summary>x64 user space: 128 TiB.</summary>
    public const long UserSpace = 0x0000_8000_0000_0000;

    private readonly RetryingLazy<IReadOnlyList<VadDescriptor>> _vads = new(() => system.Vads(process).Vads);
    private readonly RetryingLazy<VirtualMemory> _memory = new(() => system.ProcessMemory(process, zeroFill, reservedAsHoles: true));
    private readonly RetryingLazy<IReadOnlyList<LoadedImage>> _images = new(() => LoadedImage.Of(system.Modules(process).Modules, system.Vads(process).Vads));
    private (long Start, long End)[]? _dataRanges;
    private ImageRecoveries? _recoveries;

    public WindowsSystem System => system;
    public ProcessInfo Process => process;
    public bool ZeroFill => zeroFill;
    public IReadOnlyList<VadDescriptor> Vads => _vads.Value;
    public VirtualMemory Memory => _memory.Value;

    /// <summary>VADs in user space. Reserved private VADs are included: stacks commit their pages one by one, and the
    /// pages never committed fail to read with the reason (vadmap.txt lists them).</summary>
    public IEnumerable<VadDescriptor> DataVads => Vads.Where(v => v.End < UserSpace);

    public IReadOnlyList<(long Start, long End)> DataRanges =>
        _dataRanges ??= DataVads.Select(v => ((long)v.Start, (long)v.End + 1)).OrderBy(r => r.Item1).ToArray();

    /// <summary>The images the process has mapped: loader-list modules first, then image VADs the list does not name.</summary>
    public IReadOnlyList<LoadedImage> Images => _images.Value;

    /// <summary>The process's main image (EPROCESS.SectionBaseAddress or PEB.ImageBaseAddress), or null when unknown.</summary>
    public LoadedImage? MainImage()
    {
        if (system.ImageBase(process) is not { } imageBase || imageBase >= (ulong)UserSpace) return null;
        return Images.FirstOrDefault(i => i.Base == imageBase)
               ?? new LoadedImage(process.Name, imageBase, Vads.FirstOrDefault(v => v.Contains(imageBase)), false);
    }

    /// <summary>The process's images rebuilt from its memory.</summary>
    public ImageRecoveries Recoveries => LazyInitializer.EnsureInitialized(ref _recoveries, () => new ImageRecoveries(() => Memory));

    /// <summary>Reads user space: outside the data VADs is a hole (zeros); inside, the translator's bytes or an error.</summary>
    public void Read(long address, Span<byte> destination)
    {
        destination.Clear();
        var end = address + destination.Length;
        var ranges = DataRanges;
        for (var i = Ranges.FirstEndingAfter(ranges, address); i < ranges.Count; i++)
        {
            var (start, stop) = ranges[i];
            if (start >= end) break;
            var from = Math.Max(start, address);
            var to = Math.Min(stop, end);
            Memory.Read((ulong)from, destination.Slice((int)(from - address), (int)(to - from)));
        }
    }
}
