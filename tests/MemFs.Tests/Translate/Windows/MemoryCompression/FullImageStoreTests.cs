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
    [TestCase(19041u)]
    [TestCase(26100u)]
    public void TheProfilesSmGlobalsSymbolFindsTheStore(uint build)
    {
        using var image = new CompressedWindowsRaw(build, symbolLess: false);
        var profile = new KernelProfile(null, build);
        profile.SetRva("SmGlobals", image.SmGlobalsRva, "test profile");
        profile.FillFrom(image.Profile);
        using var space = image.Kernel.Image.Space();
        var system = WindowsSystem.Open(image.Kernel.Open(), space, new SymbolOptions([new FixedProfileSource("test profile", profile)]));
        var memory = system.ProcessMemory(system.Processes.Single(p => p.Name == OwnerName));

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
