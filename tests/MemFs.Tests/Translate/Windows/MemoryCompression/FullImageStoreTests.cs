using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Sources;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.TestMemCompression;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>
/// The store found on a full image through the Windows layer, by the profile's SmGlobals symbol when the kernel has
/// no CACHEALI section to scan (and, without that symbol, not at all, saying why).
/// </summary>
public class FullImageStoreTests
{
    private readonly List<IDisposable> _spaces = [];

    [TearDown]
    public void Close()
    {
        foreach (var space in _spaces) space.Dispose();
        _spaces.Clear();
    }

    [TestCase(19041u)]
    [TestCase(26100u)]
    public void TheProfilesSmGlobalsSymbolFindsTheStore(uint build)
    {
        using var image = new CompressedWindowsRaw(build, symbolLess: false);
        var memory = Open(image, withPagingFiles: false);

        for (var page = 0; page < image.Compression.Contents.Length; page++)
        {
            var bytes = new byte[4096];
            memory.Read(PageVa(page), bytes);
            Assert.That(bytes, Is.EqualTo(image.Compression.Contents[page]), $"page {page}");
        }
        var trace = new TraceRecorder();
        Assert.That(memory.Translate(PageVa(0), trace).State, Is.EqualTo(PageState.Compressed));
        Assert.That(trace.Steps.Select(s => s.Text), Has.Some.Contains($"RVA 0x{TestPeImage.SmGlobals:X} from test profile"));
    }

    [Test]
    public void TheVirtualStoreNumberIsReadFromMmPagingFile()
    {
        using var image = new CompressedWindowsRaw(19041, symbolLess: false, damage: c => c.WritePagingFiles(TestKernelImage.Windows10Base + TestPeImage.MmPagingFile, 2));
        var memory = Open(image, withPagingFiles: true);
        var trace = new TraceRecorder();
        Assert.That(memory.Translate(PageVa(1), trace).State, Is.EqualTo(PageState.Compressed));
        Assert.That(trace.Steps.Select(s => s.Text), Has.Some.Contains("virtual store number: paging file 2: MmPagingFile[1] 0x").And.Contains("has _MMPAGING_FILE.VirtualStorePagefile set (test profile)"));
    }

    [Test]
    public void AnotherVirtualStoreNumberMakesPagingFile2AnOrdinaryPagefile()
    {
        using var image = new CompressedWindowsRaw(19041, symbolLess: false, damage: c => c.WritePagingFiles(TestKernelImage.Windows10Base + TestPeImage.MmPagingFile, 3));
        var resolution = Open(image, withPagingFiles: true).Translate(PageVa(1), NoTrace.Instance);
        Assert.That(resolution.State, Is.Not.EqualTo(PageState.Compressed));
        Assert.That(resolution.Reason, Does.Contain("pagefile 2"));
    }

    [Test]
    public void WithoutMmPagingFileTheConventionalNumberIsUsedAndSaidSo()
    {
        using var image = new CompressedWindowsRaw(19041, symbolLess: false);
        var trace = new TraceRecorder();
        Assert.That(Open(image, withPagingFiles: false).Translate(PageVa(1), trace).State, Is.EqualTo(PageState.Compressed));
        Assert.That(trace.Steps.Select(s => s.Text), Has.Some.Contains("virtual store number: paging file 2 (the conventional number: the profile has no MmPagingFile)"));
    }

    /// <summary>The owner's memory, opened with a test profile naming SmGlobals (and MmPagingFile with its fields).</summary>
    private VirtualMemory Open(CompressedWindowsRaw image, bool withPagingFiles)
    {
        var profile = new KernelProfile(null, image.Build);
        profile.SetRva("SmGlobals", image.SmGlobalsRva, "test profile");
        if (withPagingFiles)
        {
            profile.SetRva("MmPagingFile", TestPeImage.MmPagingFile, "test profile");
            profile.SetOffset("_MMPAGING_FILE.PageFileNumber", PagingFileFlags, "test profile");
            profile.SetBits("_MMPAGING_FILE.PageFileNumber", new BitField(0, 4), "test profile");
            profile.SetOffset("_MMPAGING_FILE.VirtualStorePagefile", PagingFileFlags, "test profile");
            profile.SetBits("_MMPAGING_FILE.VirtualStorePagefile", new BitField(VirtualStoreFlagBit, 1), "test profile");
        }
        profile.FillFrom(image.Profile);
        var space = image.Kernel.Image.Space();
        _spaces.Add(space);
        var system = WindowsSystem.Open(image.Kernel.Open(), space, new SymbolOptions([new FixedProfileSource("test profile", profile)]));
        return system.ProcessMemory(system.Processes.Single(p => p.Name == OwnerName));
    }

    [Test]
    public void WithoutTheSymbolOrACacheAlignedSectionThePagesSayWhy()
    {
        using var image = new CompressedWindowsRaw(19041, symbolLess: false);
        using var space = image.Kernel.Image.Space();
        var system = WindowsSystem.Open(image.Kernel.Open(), space, SymbolOptions.None);
        var memory = system.ProcessMemory(system.Processes.Single(p => p.Name == OwnerName));
        var resolution = memory.Translate(PageVa(0), NoTrace.Instance);
        Assert.That(resolution.State, Is.EqualTo(PageState.Unresolvable));
        Assert.That(resolution.Reason, Does.Contain("no SmGlobals in the profile, and ntoskrnl has no CACHEALI section to scan"));
    }
}
