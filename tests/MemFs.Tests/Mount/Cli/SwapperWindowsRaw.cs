using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A synthetic Windows 10 image (raw file plus pagefile 0) with a "swapper" process whose main private region mixes
/// tagged pages with content (valid, transition, paged out) with decommitted, compressed and demand-zero pages, a
/// stack-like VAD reserved but committed at its top, and a region under a page table that is itself paged out.
/// Every page's kind is recorded, so tests know exactly what a read, a seek and coverage.txt must give. Deleted on dispose.
/// </summary>
internal sealed class SwapperWindowsRaw : IDisposable
{
    public enum Kind { Valid, Transition, Pagefile, Decommitted, Compressed, DemandZero, Reserved, UnderPagedTable }

    public const ulong MainStart = 0x0000_0000_1000_0000;
    public const ulong StackStart = 0x0000_0000_2000_0000;
    public const ulong PagedTableStart = 0x0000_0000_3000_0000;
    public const string Tag = "SWAPTAG";

    public static readonly Kind[] MainKinds =
    [
        Kind.Valid, Kind.Valid, Kind.Pagefile, Kind.Decommitted, Kind.Decommitted, Kind.Valid, Kind.Transition, Kind.Pagefile,
        Kind.Compressed, Kind.Valid, Kind.DemandZero, Kind.Pagefile, Kind.Pagefile, Kind.Decommitted, Kind.Transition, Kind.Valid,
    ];

    public static readonly Kind[] StackKinds = [Kind.Reserved, Kind.Reserved, Kind.Reserved, Kind.Reserved, Kind.Reserved, Kind.Valid, Kind.Valid, Kind.Valid];

    public static readonly Kind[] PagedTableKinds = [Kind.UnderPagedTable, Kind.UnderPagedTable, Kind.UnderPagedTable];

    private readonly Dictionary<ulong, string> _tags = [];

    /// <param name="extend">Adds to the image before it is written out: more VADs for the swapper (its VAD tree is
    /// written after this runs), more processes.</param>
    public SwapperWindowsRaw(Action<TestWindowsSystem, TestWindowsSystem.BuiltProcess>? extend = null)
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        Swapper = objects.AddProcess(0x1234, 4, "swapper.exe", new DateTime(2021, 2, 21, 1, 5, 0, DateTimeKind.Utc));
        var image = objects.Image;
        Swapper.Vads.AddRange(
        [
            new VadDescriptor(MainStart, End(MainStart, MainKinds), true, true, 4, 0, 0, 0, null, Kind: "VadS"),
            new VadDescriptor(StackStart, End(StackStart, StackKinds), true, false, 4, 0, 0, 0, null, Kind: "VadS"),
            new VadDescriptor(PagedTableStart, End(PagedTableStart, PagedTableKinds), true, true, 4, 0, 0, 0, null, Kind: "VadS"),
        ]);
        extend?.Invoke(objects, Swapper);
        objects.WriteVadTree(Swapper);
        Build(image, MainStart, MainKinds);
        Build(image, StackStart, StackKinds);

        // The page table of the third region lives in the pagefile: without it none of the region can be translated.
        var pagedTable = new byte[4096];
        for (var k = 0; k < PagedTableKinds.Length; k++)
        {
            var va = PagedTableStart + (ulong)k * 4096;
            BitConverter.TryWriteBytes(pagedTable.AsSpan((int)((va >> 12) & 0x1FF) * 8), TestWindowsImage.Valid(image.FrameWith(TaggedPage(va))));
        }
        image.SetEntry(PagedTableStart, 1, image.Pagefile(0, image.PagefilePage(pagedTable), 4));

        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-swapper-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, kernel.Image.Physical.ToRaw());
        Pagefile = Path.Combine(Directory, "pagefile.sys");
        File.WriteAllBytes(Pagefile, image.PagefileBytes);
    }

    public TestWindowsSystem.BuiltProcess Swapper { get; }
    public string Directory { get; }
    public string Raw { get; }
    public string Pagefile { get; }
    /// <summary>The tag each tagged page starts with, by virtual address.</summary>
    public IReadOnlyDictionary<ulong, string> Tags => _tags;

    public string ProcessDirectory => $"processes/{Swapper.Pid}-{Swapper.Name}";

    public static string RegionName(ulong start, Kind[] kinds) => $"0x{start:X12}-0x{End(start, kinds):X12}-private.bin";

    /// <summary>Whether a page of this kind has bytes that can be produced with (or without) pagefile 0.</summary>
    public static bool Readable(Kind kind, bool withPagefile) => kind switch
    {
        Kind.Valid or Kind.Transition or Kind.DemandZero => true,
        Kind.Pagefile or Kind.UnderPagedTable => withPagefile,
        _ => false,
    };

    /// <summary>Whether the page holds a tag (its content is not zeros).</summary>
    public static bool Tagged(Kind kind) => kind is Kind.Valid or Kind.Transition or Kind.Pagefile or Kind.UnderPagedTable;

    /// <summary>No memory exists behind the page: a hole even with --strict.</summary>
    public static bool NoContent(Kind kind) => kind is Kind.Decommitted or Kind.Reserved;

    private static ulong End(ulong start, Kind[] kinds) => start + (ulong)kinds.Length * 4096 - 1;

    private void Build(TestWindowsImage image, ulong start, Kind[] kinds)
    {
        for (var k = 0; k < kinds.Length; k++)
        {
            var va = start + (ulong)k * 4096;
            image.SetPte(va, kinds[k] switch
            {
                Kind.Valid => TestWindowsImage.Valid(image.FrameWith(TaggedPage(va))),
                Kind.Transition => image.Transition(image.FrameWith(TaggedPage(va)), 4),
                Kind.Pagefile => image.Pagefile(0, image.PagefilePage(TaggedPage(va)), 4),
                Kind.Decommitted => image.DemandZero(MmProtection.Decommit),
                Kind.Compressed => image.Pagefile(2, 0x1A5B + k, 4), // pagefile 2 is the virtual store on Windows 10
                _ => 0,
            });
        }
    }

    /// <summary>A page holding one line "SWAPTAG-n" at its start, the rest zeros.</summary>
    private byte[] TaggedPage(ulong va)
    {
        var page = new byte[4096];
        var tag = $"{Tag}-{_tags.Count:D4}";
        _tags[va] = tag;
        Encoding.ASCII.GetBytes(tag + "\n").CopyTo(page, 0);
        return page;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
