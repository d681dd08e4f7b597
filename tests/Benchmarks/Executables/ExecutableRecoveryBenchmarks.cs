using BenchmarkDotNet.Attributes;
using MemFs.Translate.Paging;
using MemFs.Aff4.Caching;
using MemFs.Tests.Demo;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Executables;

/// <summary>
/// Producing executable.exe of a 20 MiB image from a cold cache: a process whose main image (a synthetic PE, 5120
/// pages) has every other page resident and the rest only in its file (prototype → subsection → --files). Each
/// iteration opens the Windows layer and the tree afresh (page tables, VADs, provenance, page cache all cold) and
/// reads the whole file in 1 MiB reads. Next to it: memory.bin (the same pages in memory layout) and the limit,
/// the original file read directly.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
public class ExecutableRecoveryBenchmarks
{
    private const ulong ImageBase = 0x0000_7FF6_0000_0000;
    private const int TextPages = 4000, RdataPages = 800, DataPages = 319;
    private const long Pid = 0x1F40;
    private const int ReadSize = 1 << 20;

    private string _directory = "";
    private string _raw = "";
    private string _files = "";
    private int _imageBytes;
    private PhysicalImage? _image;
    private ExtendedPhysicalSpace? _space;
    private ChunkCache? _cache;
    private MemFsTree? _tree;
    private readonly byte[] _buffer = new byte[ReadSize];

    [GlobalSetup]
    public void Setup()
    {
        var pe = SyntheticPe.Build("big.exe", SyntheticPe.Kind.Executable, ImageBase, TextPages, RdataPages, DataPages);
        _imageBytes = pe.Length;
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var process = objects.AddProcess(Pid, 4, "big.exe", new DateTime(2021, 2, 21, 3, 0, 0, DateTimeKind.Utc));
        var image = kernel.Image;
        var pages = pe.Length / 4096;
        var prototypes = image.PrototypeArray(pages);
        // SyntheticPe's file layout equals its memory layout: one subsection over the whole file.
        var subsection = image.Section(@"\Windows\big.exe", true, [new TestWindowsImage.SubsectionSpec(prototypes, (uint)pages, 0, (uint)pe.Length)])[0];
        for (var page = 0; page < pages; page++)
        {
            var va = ImageBase + (ulong)page * 4096;
            var prototype = prototypes + (ulong)page * 8;
            if (page % 2 == 0)
            {
                var frame = image.FrameWith(pe.AsSpan(page * 4096, 4096));
                image.WriteKernel64(prototype, TestWindowsImage.Valid(frame));
                image.SetPte(va, TestWindowsImage.Valid(frame));
            }
            else
            {
                image.WriteKernel64(prototype, image.SubsectionPte(subsection, 7));
                image.SetPte(va, image.PrototypePointer(prototype));
            }
        }
        process.Vads.Add(new VadDescriptor(ImageBase, ImageBase + (ulong)pe.Length - 1, false, false, 7, prototypes, prototypes + (ulong)(pages - 1) * 8, subsection,
            @"\Windows\big.exe", Kind: "Vad VadImageMap"));
        objects.WriteVadTree(process);
        image.WriteKernel64(process.Eprocess + (ulong)profile.Require("_EPROCESS.SectionBaseAddress"), ImageBase);

        _directory = Directory.CreateTempSubdirectory("memfs-bench-exe-").FullName;
        _raw = Path.Combine(_directory, "memory.raw");
        File.WriteAllBytes(_raw, image.Physical.ToRaw());
        _files = Path.Combine(_directory, "files");
        Directory.CreateDirectory(Path.Combine(_files, "Windows"));
        File.WriteAllBytes(Path.Combine(_files, "Windows", "big.exe"), pe);
        _image = PhysicalImageOpener.Open(_raw);
        _space = TranslationSources.Build(_image, [], new DirectoryTreeFiles(_files), out _);
    }

    [IterationSetup]
    public void OpenCold()
    {
        _cache?.Dispose();
        _cache = new ChunkCache(256L << 20);
        var system = WindowsSystem.Open(_image!, _space!, SymbolOptions.None);
        _tree = new MemFsTree(_image!, _space!, system, null, _cache, holes: HolePolicy.Holes);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _space?.Dispose();
        _image?.Dispose();
        Directory.Delete(_directory, true);
    }

    [Benchmark(Baseline = true, Description = "limit: the original file read directly")]
    public long OriginalFile()
    {
        using var handle = File.OpenHandle(Path.Combine(_files, "Windows", "big.exe"));
        long total = 0;
        for (long at = 0; at < _imageBytes; at += ReadSize) total += RandomAccess.Read(handle, _buffer.AsSpan(0, (int)Math.Min(ReadSize, _imageBytes - at)), at);
        return total;
    }

    [Benchmark(Description = "memory.bin, cold")]
    public long MemoryBin() => ReadAll("memory.bin");

    [Benchmark(Description = "executable.exe, cold")]
    public long ExecutableExe() => ReadAll("executable.exe");

    private long ReadAll(string name)
    {
        var file = (VfsFile)_tree!.Lookup($"/processes/{Pid}-big.exe/{name}")!;
        long total = 0;
        for (long at = 0; at < file.Length; at += ReadSize) total += file.Read(at, _buffer);
        if (total != _imageBytes) throw new InvalidOperationException($"{name}: {total} bytes, {_imageBytes} expected");
        return total;
    }
}
