using System.Buffers;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Vfs.Producers;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// A synthetic Windows 10 (19041) raw image of any size for the mount benchmarks, built with the tests' builders: the
/// kernel found by its low stub, the boot processes of <see cref="TestKernelImage"/>, and added processes (each in its own address space) with large
/// private VADs whose pages are all valid. Region data frames start at <see cref="DataBase"/>, in physical order or
/// scattered page by page. Every byte that is not a kernel structure (page tables, pool, PE) is pseudo-random and can
/// be recomputed from its physical address (<see cref="Fill"/>), so nothing the size of the image is held in memory.
/// </summary>
internal sealed class SyntheticWindowsImage
{
    /// <summary>The first region data frame: above every structure page the test builders allocate (checked on write).</summary>
    public const long DataBase = 0x200_0000;

    private const ulong FirstRegion = 0x0000_0100_0000_0000;
    private const ulong RegionSpacing = 0x0000_0010_0000_0000;
    private const int ChunkBytes = 64 << 20;
    private static readonly DateTime Created = new(2021, 2, 21, 1, 10, 0, DateTimeKind.Utc);

    private readonly TestKernelImage _kernel = new(TestEprocessLayout.Windows10);
    private readonly TestWindowsSystem _objects;
    private readonly TestWindowsSystem.BuiltProcess _system;
    private readonly List<Region> _regions = [];
    private readonly Dictionary<ulong, ulong> _dtbs = [];
    private long _nextData = DataBase;
    private ulong _nextRegion = FirstRegion;
    private bool _vadTreesWritten;

    /// <param name="systemRegion">
    /// Gives System one private region (the first data frames), as a real System has VADs: MemProcFS's symbol-less
    /// EPROCESS discovery takes VadRoot to be the kernel pointer after ExitStatus (0x103) in System's EPROCESS.
    /// </param>
    public SyntheticWindowsImage(bool systemRegion = false)
    {
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        _objects = new TestWindowsSystem(profile, _kernel.Image, _kernel.KernelBase + TestPeImage.PsActiveProcessHead,
            _kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        // The boot processes' VadRoot points at a zeroed node; here their VAD trees are empty (as in the demo image).
        foreach (var boot in _kernel.Processes) _kernel.Image.WriteKernel64(boot.Eprocess + (ulong)_kernel.Layout.VadRoot, 0);
        var system = _kernel.Processes.Single(p => p.Pid == 4);
        _system = new TestWindowsSystem.BuiltProcess(system.Eprocess, 4, 0, system.Name, TestKernelImage.BootTime, 0, "", "");
        if (systemRegion) AddRegion(_system, SystemRegionBytes);
    }

    /// <summary>The size of System's one private region when the image has it.</summary>
    public const long SystemRegionBytes = 64 << 10;

    /// <summary>One private VAD: its tree path (the name is the interface) and the physical frame of each page.</summary>
    public sealed record Region(string Path, VadDescriptor Vad, long[] Frames)
    {
        public long Length => (long)(Vad.End - Vad.Start + 1);
    }

    public IReadOnlyList<Region> Regions => _regions;

    /// <summary>The end of the region data frames: the smallest raw image that holds every region.</summary>
    public long DataEnd => _nextData;

    /// <summary>The directory names /processes lists: the boot processes and every added one.</summary>
    public IReadOnlyList<string> ProcessDirectories =>
        [.. _kernel.Processes.Select(p => $"{p.Pid}-{p.Name}"), .. _objects.Processes.Select(p => $"{p.Pid}-{p.Name}")];

    /// <summary>
    /// A process with its own address space: its own PML4 sharing the kernel half and the first user PML4 entry (where
    /// the builders place every PEB and its parameters), so its regions are mapped in it alone.
    /// </summary>
    public TestWindowsSystem.BuiltProcess AddProcess(long pid, string name)
    {
        var image = _kernel.Image;
        image.EntryAddress(TestWindowsSystem.UserData, 2);
        var dtb = image.NewAddressSpace();
        image.WritePhysical64((long)dtb, image.ReadPhysical64((long)image.Dtb));
        var process = _objects.AddProcess(pid, 0x58, name, Created, dtb: dtb);
        _dtbs[process.Eprocess] = dtb;
        return process;
    }

    /// <summary>A private, committed VAD of <paramref name="length"/> bytes with every page valid, frames taken from the data area.</summary>
    public Region AddRegion(TestWindowsSystem.BuiltProcess process, long length, Random? scatter = null)
    {
        if (_vadTreesWritten) throw new InvalidOperationException("regions must be added before the image is written");
        if (length % 4096 != 0 || (ulong)length > RegionSpacing) throw new ArgumentOutOfRangeException(nameof(length));
        var start = _nextRegion;
        _nextRegion += RegionSpacing;
        var frames = new long[length / 4096];
        for (var i = 0; i < frames.Length; i++) frames[i] = _nextData + i * 4096L;
        _nextData += length;
        scatter?.Shuffle(frames);
        var dtb = _dtbs.GetValueOrDefault(process.Eprocess, _kernel.Image.Dtb);
        for (var i = 0; i < frames.Length; i++) _kernel.Image.WritePhysical64(_kernel.Image.EntryAddress(dtb, start + (ulong)i * 4096, 0), TestWindowsImage.Valid(frames[i]));
        var vad = new VadDescriptor(start, start + (ulong)length - 1, true, true, 4, 0, 0, 0, null, Kind: "VadS");
        process.Vads.Add(vad);
        var region = new Region($"/processes/{process.Pid}-{process.Name}/regions/{RegionFile.NameOf(vad)}", vad, frames);
        _regions.Add(region);
        return region;
    }

    /// <summary>
    /// The process's main image: <paramref name="pe"/> mapped at <paramref name="imageBase"/> (an image VAD over one
    /// subsection, SectionBaseAddress set), every page resident in a frame of the structure area. Its executable.exe is
    /// at the returned path.
    /// </summary>
    public string AddExecutable(TestWindowsSystem.BuiltProcess process, string name, byte[] pe, ulong imageBase)
    {
        if (_vadTreesWritten) throw new InvalidOperationException("images must be added before the image is written");
        var image = _kernel.Image;
        var pages = pe.Length / 4096;
        var prototypes = image.PrototypeArray(pages);
        var subsection = image.Section($@"\Windows\{name}", true, [new TestWindowsImage.SubsectionSpec(prototypes, (uint)pages, 0, (uint)pe.Length)])[0];
        for (var page = 0; page < pages; page++)
        {
            var frame = image.FrameWith(pe.AsSpan(page * 4096, 4096));
            image.WriteKernel64(prototypes + (ulong)page * 8, TestWindowsImage.Valid(frame));
            image.SetPte(imageBase + (ulong)page * 4096, TestWindowsImage.Valid(frame));
        }
        process.Vads.Add(new VadDescriptor(imageBase, imageBase + (ulong)pe.Length - 1, false, false, 7, prototypes,
            prototypes + (ulong)(pages - 1) * 8, subsection, $@"\Windows\{name}", Kind: "Vad VadImageMap"));
        image.WriteKernel64(process.Eprocess + (ulong)_objects.Profile.Require("_EPROCESS.SectionBaseAddress"), imageBase);
        return $"/processes/{process.Pid}-{process.Name}/executable.exe";
    }

    /// <summary>
    /// Writes the raw image (<paramref name="length"/> bytes, at least <see cref="DataEnd"/>) in 64 MiB chunks: pseudo-random
    /// bytes, then <paramref name="decorate"/> (given each chunk and its physical address), then the kernel structures.
    /// Flushed to disk, so no writeback runs while benchmarks measure.
    /// </summary>
    public void WriteRaw(string path, long length, SpanAction<byte, long>? decorate = null)
    {
        if (length < _nextData) throw new ArgumentOutOfRangeException(nameof(length), $"the regions need {_nextData:N0} bytes");
        if (!_vadTreesWritten)
        {
            foreach (var process in _objects.Processes.Append(_system).Where(p => p.Vads.Count > 0)) _objects.WriteVadTree(process);
            _vadTreesWritten = true;
        }
        var physical = _kernel.Image.Physical;
        var structures = physical.Runs;
        if (structures[^1].Start + structures[^1].Length > DataBase)
            throw new InvalidOperationException($"kernel structures reach 0x{structures[^1].Start + structures[^1].Length:X}, past the data area at 0x{DataBase:X}");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var chunk = new byte[ChunkBytes];
        for (long at = 0; at < length; at += ChunkBytes)
        {
            var span = chunk.AsSpan(0, (int)Math.Min(ChunkBytes, length - at));
            Fill(span, at);
            decorate?.Invoke(span, at);
            foreach (var run in structures)
            {
                var from = Math.Max(run.Start, at);
                var to = Math.Min(run.Start + run.Length, at + span.Length);
                if (from < to) physical.Read(from, span[(int)(from - at)..(int)(to - at)]);
            }
            file.Write(span);
        }
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The pseudo-random bytes the image holds at <paramref name="address"/> (8-byte aligned) outside the kernel
    /// structures: SplitMix64 of each 8-byte word's index (from 1), so any page can be recomputed.
    /// </summary>
    public static void Fill(Span<byte> destination, long address)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(destination);
        var index = (ulong)address / 8;
        for (var i = 0; i < words.Length; i++)
        {
            var z = (index + (ulong)i + 1) * 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            words[i] = z ^ (z >> 31);
        }
    }
}
