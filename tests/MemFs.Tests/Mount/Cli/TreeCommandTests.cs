using System.Text;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs ls</c> and <c>memfs cat</c>: the tree a mount serves, read without mounting, on a synthetic Windows 10 image.</summary>
public class TreeCommandTests
{
    private SyntheticWindowsRaw _image = null!;

    [OneTimeSetUp]
    public void Build() => _image = new SyntheticWindowsRaw();

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    private MemFsProcess.Result Run(params string[] args) => MemFsProcess.Run(args);

    [Test]
    public void RootHoldsTheReadmeTheImageAndTheProcesses()
    {
        var result = Run("ls", _image.Raw);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(Lines(result), Is.EqualTo(new[] { "README.txt", "coverage.txt", "patches.txt", "findings.txt", "image/", "processes/", "unlinked/", "kernel/" }));
        var image = Run("ls", _image.Raw, "/image");
        Assert.That(Lines(image), Is.EqualTo(new[] { "info.txt", "physical.raw", "pagefiles/", "files/" }));
    }

    [Test]
    public void UnlinkedHoldsTheProcessTheScanFinds()
    {
        var result = Run("ls", _image.Raw, "/unlinked");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(Lines(result), Is.EqualTo(new[] { "README.txt", "10764-hidden.exe/" }));
        var info = Run("cat", _image.Raw, "/unlinked/10764-hidden.exe/info.txt");
        Assert.That(info.Text, Does.Contain("ppid:              8000").And.Contain("EPROCESS scan"));
    }

    [Test]
    public void ProcessesAreNamedByPidAndName()
    {
        var result = Run("ls", _image.Raw, "/processes");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var expected = _image.Kernel.Processes.Select(p => $"{p.Pid}-{p.Name}/").Append($"{_image.Explorer.Pid}-{_image.Explorer.Name}/");
        Assert.That(Lines(result), Is.EqualTo(expected));
    }

    [Test]
    public void AProcessDirectoryHasItsFilesAndVmemIsSparse()
    {
        var result = Run("ls", _image.Raw, _image.ExplorerDirectory, "-l");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var vmem = Lines(result).Single(l => l.EndsWith(" vmem", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(long.Parse(vmem[0]), Is.EqualTo(0x8000_0000_0000L), "vmem spans the 128 TiB user space");
        Assert.That(long.Parse(vmem[1]), Is.EqualTo(_image.Explorer.Vads.Sum(v => (long)(v.End - v.Start + 1))), "backed bytes are the VADs'");
        Assert.That(Lines(result).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]),
            Is.EqualTo(new[] { "info.txt", "vmem", "minidump.dmp", "vads.txt", "vadmap.txt", "threads.txt", "handles.txt", "ldrmodules.txt", "coverage.txt", "vmem.png", "regions/", "vtop/", "modules/", "unloaded.txt", "patches.txt", "findings.txt" }), "no main image: the process has no image base");
    }

    [Test]
    public void VmemServesTheTranslatedBytesAtTheirVirtualAddress()
    {
        var whole = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/vmem");
        Assert.That(whole.ExitCode, Is.EqualTo(2), "128 TiB is not streamed without --length");
        Assert.That(whole.Stderr, Does.Contain("give --length"));
        var result = Run("cat", _image.Raw, _image.ExplorerDirectory + "/vmem", "--offset", $"0x{SyntheticWindowsRaw.ValidPage:X}", "--length", "4K");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Is.EqualTo(_image.ValidPageBytes));
        var demandZero = Run("cat", _image.Raw, _image.ExplorerDirectory + "/vmem", "--offset", $"0x{SyntheticWindowsRaw.PrivateStart + 0x2000:X}", "--length", "8K");
        Assert.That(demandZero.ExitCode, Is.Zero, demandZero.Stderr);
        Assert.That(demandZero.Stdout, Is.EqualTo(new byte[8192]));
    }

    [Test]
    public void WithStrictAPageThatCannotBeResolvedFailsOnlyTheReadsThatIncludeIt()
    {
        var vmem = _image.ExplorerDirectory + "/vmem";
        var paged = Run("cat", _image.Raw, vmem, "--offset", $"0x{SyntheticWindowsRaw.PagedOutPage:X}", "--length", "4K", "--strict");
        Assert.That(paged.ExitCode, Is.EqualTo(1));
        Assert.That(paged.Stderr, Does.Contain($"0x{SyntheticWindowsRaw.PagedOutPage:X}").And.Contain("agefile"));
        var neighbour = Run("cat", _image.Raw, vmem, "--offset", $"0x{SyntheticWindowsRaw.ValidPage:X}", "--length", "4K", "--strict");
        Assert.That(neighbour.Stdout, Is.EqualTo(_image.ValidPageBytes), "the bad page shares a 64 KiB cache page with this one");
        var hole = Run("cat", _image.Raw, vmem, "--offset", $"0x{SyntheticWindowsRaw.PagedOutPage:X}", "--length", "4K");
        Assert.That(hole.ExitCode, Is.Zero, hole.Stderr);
        Assert.That(hole.Stdout, Is.EqualTo(new byte[4096]), "by default a page that cannot be resolved is a hole");
        var alias = Run("cat", _image.Raw, vmem, "--offset", $"0x{SyntheticWindowsRaw.PagedOutPage:X}", "--length", "4K", "--zero-fill");
        Assert.That((alias.ExitCode, alias.Stdout), Is.EqualTo((0, new byte[4096])), "--zero-fill is still accepted: it is the default");
    }

    [Test]
    public void TheRegionFileOfAVadStartsAtItsFirstByte()
    {
        var regions = Run("ls", _image.Raw, _image.ExplorerDirectory + "/regions");
        var privateRegion = Lines(regions).Single(l => l.Contains("-private", StringComparison.Ordinal));
        Assert.That(privateRegion, Is.EqualTo("0x000000010000-0x00000001FFFF-private.bin"));
        Assert.That(Lines(regions).Single(l => l.Contains("-image", StringComparison.Ordinal)), Does.EndWith("-image-ntdll.dll.bin"));
        var bytes = Run("cat", _image.Raw, _image.ExplorerDirectory + "/regions/" + privateRegion, "--length", "4K");
        Assert.That(bytes.Stdout, Is.EqualTo(_image.ValidPageBytes));
    }

    [Test]
    public void VadmapSaysEveryPageState()
    {
        var result = Run("cat", _image.Raw, _image.ExplorerDirectory + "/vadmap.txt");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var text = result.Text;
        Assert.That(text, Does.Contain("0x0000000000010000 0x0000000000010FFF        1  Valid"));
        Assert.That(text, Does.Contain("0x0000000000011000 0x0000000000011FFF        1  Pagefile 0"));
        Assert.That(text, Does.Contain("0x0000000000012000 0x000000000001FFFF       14  Demand Zero"));
        Assert.That(text, Does.Contain("(P)"), "image pages are shown as read through prototype PTEs");
    }

    [Test]
    public void VtopFilesExistForAnyAddressAsked()
    {
        var result = Run("cat", _image.Raw, _image.ExplorerDirectory + "/vtop/0x10000.txt");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("PTE").And.Contain("Valid"));
        var listed = Run("ls", _image.Raw, _image.ExplorerDirectory + "/vtop");
        Assert.That(Lines(listed), Is.EqualTo(new[] { "README.txt" }), "addresses are looked up, not listed");
        var bad = Run("cat", _image.Raw, _image.ExplorerDirectory + "/vtop/nothex.txt");
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.Stderr, Does.Contain(_image.Raw).And.Contain("vtop/nothex.txt"));
    }

    [Test]
    public void PhysicalRawIsTheImageItself()
    {
        var bytes = File.ReadAllBytes(_image.Raw);
        var result = Run("cat", _image.Raw, "/image/physical.raw", "--offset", "0x100000", "--length", "64K");
        Assert.That(result.Stdout, Is.EqualTo(bytes.AsSpan(0x100000, 0x10000).ToArray()));
    }

    [Test]
    public void WithoutAWindowsKernelTheTreeStillShowsTheImageAndSaysWhy()
    {
        var path = Path.Combine(_image.Directory, "zeros.raw");
        File.WriteAllBytes(path, new byte[1 << 20]);
        Assert.That(Run("ls", path, "/processes").ExitCode, Is.EqualTo(1), "a raw image without DTB or kernel needs --force");
        var processes = Run("ls", path, "/processes", "--force");
        Assert.That(processes.ExitCode, Is.Zero, processes.Stderr);
        Assert.That(processes.Text, Is.Empty);
        Assert.That(processes.Stderr, Does.Contain("warning: no Windows kernel found, so no processes"));
        var info = Run("cat", path, "/image/info.txt", "--force");
        Assert.That(info.Text, Does.Contain("no Windows x64 kernel found"));
        var readme = Run("cat", path, "/README.txt", "--force");
        Assert.That(readme.Text, Does.Contain("no Windows x64 kernel found"));
    }

    [Test]
    public void AMissingPathIsBadInputNamingItAndTheImage()
    {
        var result = Run("ls", _image.Raw, "/processes/nope");
        Assert.That(result.ExitCode, Is.EqualTo(1), "a damaged process list hides paths: the image decides, not the command line");
        Assert.That(result.Stderr, Does.Contain(_image.Raw).And.Contain("/processes/nope"));
    }

    private static string[] Lines(MemFsProcess.Result result) => result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
