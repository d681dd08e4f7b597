using System.Text;
using MemFs.Tests.Demo;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Scale;

/// <summary>
/// A Windows 10 (19041) raw image at scale, for issue 15's benchmarks and the test that keeps this builder honest: the
/// test kernel and its boot processes, then <see cref="ScaleImageSpec.Processes"/> processes, each in its own address
/// space with <see cref="ScaleImageSpec.VadsPerProcess"/> VADs — its PEB region, a view of every shared DLL (image
/// sections: first page valid, second through its prototype PTE, the rest only in the file), a view of every shared
/// data file (first page through its prototype, the rest in the file) and private VADs of 4–128 pages whose first one
/// to three pages are valid. Every 25th process is unlinked from the active list (found by the EPROCESS scan only).
/// Structures sit below <see cref="DataBase"/>; valid private pages are spread over the rest of the image, and only
/// one in four holds written bytes (a stamp naming its process and VAD): the others read as zeros from the sparse hole.
/// </summary>
internal sealed class ScaleWindowsImage
{
    /// <summary>The first frame of the data area: above every structure page (checked).</summary>
    public const long DataBase = 0x1000_0000;

    private const int Page = 4096;
    private const int ReadOnly = 1;
    private const int ReadWrite = 4;
    private const int ExecuteWriteCopy = 7;
    private const int DllPages = 4;
    private const int DataFilePages = 8;
    private const int PebRegionPages = 16;
    private const ulong PrivateBase = 0x0000_0000_1000_0000;
    private const ulong DllBase = 0x0000_7FFA_0000_0000;
    private const ulong ViewBase = 0x0000_01F0_0000_0000;
    private const ulong ViewSpacing = 0x1_0000;
    private static readonly DateTime Started = new(2021, 2, 21, 1, 10, 0, DateTimeKind.Utc);

    private readonly TestKernelImage _kernel = new(TestEprocessLayout.Windows10);
    private readonly KernelProfile _profile = KernelPack.Embedded.TryGetFamily(19041, out _)
        ?? throw new InvalidOperationException("the embedded pack has no 19041 layout");
    private readonly List<ScaleProcess> _processes = [];
    private readonly long _dataFrames;
    private readonly ulong _stride;
    private long _nextData;

    private ScaleWindowsImage(ScaleImageSpec spec)
    {
        if (spec.VadsPerProcess is < 10 or > 1000) throw new ArgumentOutOfRangeException(nameof(spec), $"{spec.VadsPerProcess} VADs a process: 10 to 1000");
        if (spec.Processes is < 1 or > 4000) throw new ArgumentOutOfRangeException(nameof(spec), $"{spec.Processes} processes: 1 to 4000");
        if (spec.PhysicalBytes % Page != 0 || spec.PhysicalBytes < 2 * DataBase)
            throw new ArgumentOutOfRangeException(nameof(spec), $"{spec.PhysicalBytes:N0} bytes: a whole number of pages, at least 0x{2 * DataBase:X}");
        Spec = spec;
        _dataFrames = (spec.PhysicalBytes - DataBase) / Page;
        _stride = Coprime(0x9E37_79B1UL % (ulong)_dataFrames | 1, (ulong)_dataFrames);
        foreach (var boot in _kernel.Processes) _kernel.Image.WriteKernel64(boot.Eprocess + (ulong)_kernel.Layout.VadRoot, 0);
    }

    public ScaleImageSpec Spec { get; }

    /// <summary>The added processes, linked or not, with their VADs as written (sorted, node addresses filled in).</summary>
    public IReadOnlyList<ScaleProcess> Processes => _processes;

    /// <summary>The directory names /processes lists: the boot processes and every linked added one.</summary>
    public IReadOnlyList<string> ProcessDirectories =>
        [.. _kernel.Processes.Select(p => $"{p.Pid}-{p.Name}"), .. _processes.Where(p => p.Linked).Select(p => p.Directory)];

    private TestWindowsImage Image => _kernel.Image;

    /// <summary>Builds the image in memory (structures and stamped pages only; a few seconds at full scale).</summary>
    public static ScaleWindowsImage Build(ScaleImageSpec spec)
    {
        var image = new ScaleWindowsImage(spec);
        var dlls = Enumerable.Range(0, spec.VadsPerProcess / 10).Select(image.Dll).ToArray();
        var dataFiles = Enumerable.Range(0, spec.VadsPerProcess / 5).Select(image.DataFile).ToArray();
        for (var p = 0; p < spec.Processes; p++) image.AddProcess(p, dlls, dataFiles);
        var crossing = image.Image.Physical.Runs.FirstOrDefault(r => r.Start < DataBase && r.End > DataBase);
        if (crossing.Length > 0) throw new InvalidOperationException($"kernel structures reach {crossing}, past the data area at 0x{DataBase:X}");
        return image;
    }

    /// <summary>
    /// The image at <see cref="ScaleImageSpec.CachePath"/>, written there (sparse) unless an earlier run did; written under a
    /// temporary name and renamed, so a concurrent or interrupted run never leaves a partial image under the cached name.
    /// </summary>
    public string Cached()
    {
        var path = Spec.CachePath;
        if (File.Exists(path) && new FileInfo(path).Length == Spec.PhysicalBytes) return path;
        var partial = $"{path}.{Environment.ProcessId}.partial";
        try
        {
            SparseRawFile.Write(Image.Physical, Spec.PhysicalBytes, partial);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return path;
    }

    private void AddProcess(int index, Section[] dlls, Section[] dataFiles)
    {
        var name = $"app{index:D3}.exe";
        var pid = 0x1000 + index * 4L;
        var linked = index % 25 != 24;
        // The EPROCESS allocation (0xBC0 bytes) starts a fresh kernel page, so its frame holds it whole: the EPROCESS
        // scan reads physical memory and cannot follow an object split over two frames that are not adjacent.
        Image.AllocateKernel(0, Page);
        var objects = new TestWindowsSystem(_profile, Image, _kernel.KernelBase + TestPeImage.PsActiveProcessHead, _kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var built = objects.AddProcess(pid, (long)_kernel.Processes[^1].Pid, name, Started.AddSeconds(index), linked);
        built.Vads.Add(Private(TestWindowsSystem.UserData, PebRegionPages));
        for (var k = 0; k < dlls.Length; k++)
        {
            var va = DllBase + (ulong)k * ViewSpacing;
            Image.SetPte(va, TestWindowsImage.Valid(dlls[k].FirstFrame));
            Image.SetPte(va + Page, Image.PrototypePointer(dlls[k].Prototypes + 8));
            built.Vads.Add(dlls[k].View(va, ExecuteWriteCopy, "Vad VadImageMap"));
        }
        for (var k = 0; k < dataFiles.Length; k++)
        {
            var va = ViewBase + (ulong)k * ViewSpacing;
            Image.SetPte(va, Image.PrototypePointer(dataFiles[k].Prototypes));
            built.Vads.Add(dataFiles[k].View(va, ReadOnly, "Vad "));
        }
        var next = PrivateBase;
        for (var v = 0; built.Vads.Count < Spec.VadsPerProcess; v++)
        {
            var pages = 4 + (v * 37 + index * 11) % 125;
            for (var page = 0; page <= v % 3; page++)
            {
                var frame = NextDataFrame();
                if (page == 0 && v % 4 == 0) Encoding.ASCII.GetBytes($"memfs scale image: {name} private VAD {v} at 0x{next:X}").CopyTo(Image.Physical.Page(frame), 0);
                Image.SetPte(next + (ulong)(page * Page), TestWindowsImage.Valid(frame));
            }
            built.Vads.Add(Private(next, pages));
            next += (ulong)(pages + 16) * Page;
        }
        objects.WriteVadTree(built);
        Image.WriteKernel64(built.Eprocess + (ulong)_profile.Require("_KPROCESS.DirectoryTableBase"), Image.DetachUserSpace(_kernel.SelfIndex));
        _processes.Add(new ScaleProcess(pid, name, linked, built.Eprocess, [.. built.Vads]));
    }

    /// <summary>A shared DLL's image section (a PE of four pages): its first page resident, the others only in the file.</summary>
    private Section Dll(int index)
    {
        var name = $"lib{index:D2}.dll";
        return SharedSection($@"\Windows\System32\{name}", SyntheticPe.Build(name, SyntheticPe.Kind.Dll, DllBase + (ulong)index * ViewSpacing, 1, 1, 1), image: true, ExecuteWriteCopy);
    }

    /// <summary>A shared data file's section: eight pages, the first resident (text naming it), the others only in the file.</summary>
    private Section DataFile(int index)
    {
        var path = $@"\Windows\Globalization\data{index:D2}.nls";
        var bytes = new byte[DataFilePages * Page];
        Encoding.ASCII.GetBytes($"memfs scale image: shared data file {path}").CopyTo(bytes, 0);
        return SharedSection(path, bytes, image: false, ReadOnly);
    }

    private Section SharedSection(string kernelPath, byte[] file, bool image, int protection)
    {
        var pages = file.Length / Page;
        if (pages > DllPages && image) throw new InvalidOperationException($"{kernelPath}: {pages} pages, more than a DLL view holds");
        var prototypes = Image.PrototypeArray(pages);
        var subsection = Image.FileSection(kernelPath, image, prototypes, (uint)pages, 0);
        var first = Image.FrameWith(file.AsSpan(0, Page));
        Image.WriteKernel64(prototypes, TestWindowsImage.Valid(first));
        for (var k = 1; k < pages; k++) Image.WriteKernel64(prototypes + (ulong)k * 8, Image.SubsectionPte(subsection, protection));
        return new Section(kernelPath, pages, prototypes, subsection, first);
    }

    private sealed record Section(string KernelPath, int Pages, ulong Prototypes, ulong Subsection, long FirstFrame)
    {
        public VadDescriptor View(ulong va, int protection, string kind) =>
            new(va, va + (ulong)Pages * Page - 1, false, false, protection, Prototypes, Prototypes + (ulong)(Pages - 1) * 8, Subsection, KernelPath, Kind: kind);
    }

    private static VadDescriptor Private(ulong start, int pages) =>
        new(start, start + (ulong)pages * Page - 1, true, true, ReadWrite, 0, 0, 0, null, Kind: "VadS");

    /// <summary>The data area's frames in a fixed scattered order (a stride coprime with their count visits each once).</summary>
    private long NextDataFrame()
    {
        if (_nextData >= _dataFrames) throw new InvalidOperationException($"the data area's {_dataFrames:N0} frames are all used");
        return DataBase + (long)((ulong)_nextData++ * _stride % (ulong)_dataFrames) * Page;
    }

    private static ulong Coprime(ulong candidate, ulong with)
    {
        while (Gcd(candidate, with) != 1) candidate += 2;
        return candidate;
    }

    private static ulong Gcd(ulong a, ulong b) => b == 0 ? a : Gcd(b, a % b);
}
