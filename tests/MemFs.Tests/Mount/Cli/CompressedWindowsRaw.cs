using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A synthetic Windows image of one build (19041: XPRESS, 26100: LZ4 and the 24H2 layout) written out as a raw file
/// plus pagefile 0, with memory compression (<see cref="TestMemCompression"/>): compressed.exe's private pages are all
/// in the store, MemCompression's region pages valid, in transition and paged out. SmGlobals lies in ntoskrnl's
/// CACHEALI section for the symbol-less scan, or (<paramref name="symbolLess"/> false) in .data with no CACHEALI
/// section, where only a profile naming it finds it. Deleted on dispose.
/// </summary>
internal sealed class CompressedWindowsRaw : IDisposable
{
    private static readonly Guid UnknownKernel = Guid.Parse("11111111-2222-3333-4444-555555555555");

    /// <param name="damage">Runs after the store is laid out, before the image is written (a hostile store).</param>
    public CompressedWindowsRaw(uint build, bool symbolLess = true, Action<TestMemCompression>? damage = null)
    {
        Build = build;
        var layout = build >= 26100 ? TestEprocessLayout.Windows11_24H2 : TestEprocessLayout.Windows10 with { Build = build };
        Profile = KernelPack.Embedded.TryGetFamily(build, out _)!;
        // Past 19041, and with a test profile, a kernel whose PDB GUID no pack knows (as in Windows11CommandTests): the
        // exact-GUID pack entry would add the real kernel's RVAs to a test profile.
        var guid = build == 19041 && symbolLess ? TestPeImage.PdbGuid : UnknownKernel;
        Kernel = new TestKernelImage(layout, new TestKernelOptions { CacheAlignedSection = symbolLess, PdbGuid = guid });
        var objects = new TestWindowsSystem(Profile, Kernel.Image, Kernel.KernelBase + TestPeImage.PsActiveProcessHead, Kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        SmGlobalsRva = symbolLess ? TestPeImage.CacheAligned + 0x40 : TestPeImage.SmGlobals;
        Compression = new TestMemCompression(objects, build, Kernel.KernelBase + SmGlobalsRva);
        damage?.Invoke(Compression);
        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-compressed-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, Kernel.Image.Physical.ToRaw());
        Pagefile = Path.Combine(Directory, "pagefile.sys");
        File.WriteAllBytes(Pagefile, Kernel.Image.PagefileBytes);
    }

    public uint Build { get; }
    public KernelProfile Profile { get; }
    public TestKernelImage Kernel { get; }
    public TestMemCompression Compression { get; }
    public uint SmGlobalsRva { get; }
    public string Directory { get; }
    public string Raw { get; }
    public string Pagefile { get; }
    public string PagefileOption => $"0={Pagefile}";
    public string OwnerDirectory => $"/processes/{TestMemCompression.OwnerPid}-{TestMemCompression.OwnerName}";
    public string RegionName => $"0x{TestMemCompression.UserPages:X12}-0x{TestMemCompression.UserPages + (ulong)Compression.Contents.Length * 4096 - 1:X12}-private.bin";

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
