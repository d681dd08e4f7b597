using MemFs.Tests.Mount.Cli;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// The same real PE mapped away from its preferred base (as ASLR does): resident pages hold relocated values,
/// file-only pages the file's own. executable.exe keeps memory's bytes, and recovery.txt compares them with the file
/// relocated the same way, so the hook is still the only difference instead of every absolute address.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class RelocatedRecoveryTests(bool headerKeepsPreferredBase)
{
    private const ulong LoadBase = 0x0000_7FFB_5A00_0000;
    private RealPeProcess _pe = null!;

    [OneTimeSetUp]
    public void Build() => _pe = new RealPeProcess(loadBase: LoadBase, headerKeepsPreferredBase: headerKeepsPreferredBase);

    [OneTimeTearDown]
    public void Delete() => _pe?.Dispose();

    private MemFsProcess.Result Cat(string file) => MemFsProcess.Run("cat", _pe.Raw, _pe.ProcessDirectory + "/" + file, "--files", _pe.Files);

    [Test]
    public void FilesKeepMemorysRelocatedBytes()
    {
        Assert.That(_pe.Mapped, Is.Not.EqualTo(_pe.MappedRaw), "the test image really is relocated");
        Assert.That(Cat("memory.bin").Stdout, Is.EqualTo(_pe.ExpectedMemory(withFile: true)));
        Assert.That(Cat("executable.exe").Stdout, Is.EqualTo(_pe.ExpectedExecutable(withFile: true)));
    }

    [Test]
    public void TheHookIsTheOnlyDifferenceAfterRelocation()
    {
        var report = Cat("recovery.txt").Text;
        Assert.That(report, Does.Contain($"Relocations      the file prefers 0x{_pe.Facts.ImageBase:X}, the image is at 0x{LoadBase:X}: "));
        var hookAt = _pe.Facts.FileOffsetOf(RealPeProcess.HookRva);
        Assert.That(report, Does.Contain($"Differing byte runs: 1\n  0x{hookAt:X8}+0x{RealPeProcess.HookBytes.Length:X}  .text (RVA 0x{RealPeProcess.HookRva:X})\n"), report);
    }

    /// <summary>The loader leaves either the preferred base or the load address in ImageBase: named, never a difference.</summary>
    [Test]
    public void TheImageBaseFieldIsNamedAndNotADifference()
    {
        var report = Cat("recovery.txt").Text;
        var expected = headerKeepsPreferredBase
            ? $"ImageBase field  0x{_pe.Facts.ImageBase:X} (the file's preferred base): written by the loader, not counted as a difference"
            : $"ImageBase field  0x{LoadBase:X} (the load address): written by the loader, not counted as a difference";
        Assert.That(report, Does.Contain(expected), report);
    }
}
