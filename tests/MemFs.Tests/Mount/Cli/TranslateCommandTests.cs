using System.Buffers.Binary;
using MemFs.Tests.Translate.Paging;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs vtop</c> and <c>memfs vmem cat</c> on the swapper scenario written out as a raw image, a pagefile and a file tree.</summary>
public class TranslateCommandTests
{
    private string _directory = "";
    private SwapperScenario _scenario = null!;
    private string _raw = "", _pagefile = "", _files = "";

    [OneTimeSetUp]
    public void WriteImage()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-vtop-").FullName;
        _scenario = new SwapperScenario(windows10: true);
        _raw = Path.Combine(_directory, "memory.raw");
        File.WriteAllBytes(_raw, _scenario.Image.Physical.ToRaw());
        _pagefile = Path.Combine(_directory, "pagefile.sys");
        File.WriteAllBytes(_pagefile, _scenario.Image.PagefileBytes);
        _files = Path.Combine(_directory, "C");
        foreach (var (name, bytes) in _scenario.Image.Files)
        {
            var path = Path.Combine(_files, name.TrimStart('\\').Replace('\\', '/').ToUpperInvariant());
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    private string[] Common => [_raw, "--dtb", $"0x{_scenario.Image.Dtb:X}", "--build", "19041"];

    [Test]
    public void VtopShowsASubsectionPageServedFromTheFileTree()
    {
        var page = _scenario.Pages.First(p => p.State.Contains("image"));
        var result = MemFsProcess.Run(["vtop", .. Common, "--files", _files, $"0x{page.Va + 0x20:X}"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stdout.Length + result.Stderr);
        Assert.That(result.Text, Does.Contain("PTE layout: Windows 10 1809").And.Contain("InvalidPteMask: 0x200000000000"));
        Assert.That(result.Text, Does.Contain("prototype PTE @ kernel 0x").And.Contain("_MMPTE_SUBSECTION"));
        Assert.That(result.Text, Does.Contain($"subsection PTE to file {SwapperScenario.ImageFile} @ 0x2020"));
        Assert.That(result.Text, Does.Contain("# extended space:"));
    }

    [Test]
    public void VtopSaysWhichPagefileIsMissing()
    {
        var page = _scenario.Pages.First(p => p.State == "pagefile");
        var without = MemFsProcess.Run(["vtop", .. Common, $"0x{page.Va:X}"]);
        Assert.That(without.ExitCode, Is.EqualTo(1));
        Assert.That(without.Text, Does.Contain("pagefile 0 was not supplied"));
        var with = MemFsProcess.Run(["vtop", .. Common, "--pagefile", $"0={_pagefile}", $"0x{page.Va:X}"]);
        Assert.That(with.ExitCode, Is.Zero, with.Stderr);
        Assert.That(with.Text, Does.Match(@"Pagefile pagefile 0 @ 0x[0-9A-F]+\s*$"));
    }

    [Test]
    public void VmemCatReadsTranslatedBytes()
    {
        var pages = _scenario.Pages.Where(p => p.Va >= SwapperScenario.Region && !p.State.Contains("VAD") && p.Va < SwapperScenario.Region + 0x100000).ToArray();
        var length = (int)(pages[^1].Va + 4096 - SwapperScenario.Region);
        var result = MemFsProcess.Run(["vmem", "cat", .. Common, "--pagefile", _pagefile, "--files", _files, "--offset", $"0x{SwapperScenario.Region:X}", "--length", length.ToString()]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Has.Length.EqualTo(length));
        foreach (var page in pages)
            Assert.That(BinaryPrimitives.ReadInt64LittleEndian(result.Stdout.AsSpan((int)(page.Va - SwapperScenario.Region))), Is.EqualTo(page.Value), page.State);
    }

    [Test]
    public void VmemCatReadsAPageNeedingTheVadAsAHoleUnlessStrict()
    {
        var page = _scenario.Pages.First(p => p.State.StartsWith("VAD marker"));
        var failed = MemFsProcess.Run(["vmem", "cat", .. Common, "--offset", $"0x{page.Va:X}", "--length", "16", "--strict"]);
        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(failed.Stderr, Does.Contain($"virtual address 0x{page.Va:X} cannot be read").And.Contain("VADs"));
        var hole = MemFsProcess.Run(["vmem", "cat", .. Common, "--offset", $"0x{page.Va:X}", "--length", "16"]);
        Assert.That(hole.ExitCode, Is.Zero, hole.Stderr);
        Assert.That(hole.Stdout, Has.Length.EqualTo(16).And.All.EqualTo(0));
    }

    [Test]
    public void VmemCatStrictReadsPagesWithNoContentAsZeros()
    {
        // Without the process's VADs, the decommitted PTE still says there are no bytes: a hole even with --strict.
        var strict = MemFsProcess.Run(["vmem", "cat", .. Common, "--offset", $"0x{_scenario.DecommittedVa:X}", "--length", "4K", "--strict"]);
        Assert.That(strict.ExitCode, Is.Zero, strict.Stderr);
        Assert.That(strict.Stdout, Has.Length.EqualTo(4096).And.All.EqualTo(0));
        var compressed = MemFsProcess.Run(["vmem", "cat", .. Common, "--offset", $"0x{_scenario.CompressedVa:X}", "--length", "4K", "--strict"]);
        Assert.That(compressed.ExitCode, Is.EqualTo(1));
        Assert.That(compressed.Stderr, Does.Contain("compressed virtual store"));
    }

    [Test]
    public void AMissingBuildIsAskedForNotGuessed()
    {
        var result = MemFsProcess.Run("vtop", _raw, "--dtb", $"0x{_scenario.Image.Dtb:X}", "0x1000");
        Assert.That(result.ExitCode, Is.EqualTo(1), "the image lacks the fact: bad input, not a usage error");
        Assert.That(result.Stderr, Does.Contain(_raw).And.Contain("--build N or --pte-layout"));
    }
}
