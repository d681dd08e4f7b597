using System.Text.RegularExpressions;
using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Vfs.Pictures;
using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// A real PE (kernel32.dll of 19041) recovered through a real mount, once with the file on disk available
/// (--files) and once without: executable.exe and memory.bin against the bytes Windows would have, recovery.txt's
/// page origins, zero-filled ranges and differences, and ssdeep's score against the original file.
/// </summary>
[NonParallelizable]
public class MountedRecoveryTests
{
    private RealPeProcess _pe = null!;
    private string _withFile = "";
    private string _withoutFile = "";
    private string _withCollectedFile = "";

    [OneTimeSetUp]
    public void MountBoth()
    {
        FuseRequirement.Require();
        _pe = new RealPeProcess();
        _withFile = Mount("with-file", "--files", _pe.Files);
        _withoutFile = Mount("without-file");
        _withCollectedFile = Mount("with-collected-file", "--files", _pe.CollectedFiles);
    }

    private string Mount(string name, params string[] options)
    {
        var mount = Directory.CreateDirectory(Path.Combine(_pe.Directory, name)).FullName;
        var result = MemFsProcess.Run(["mount", _pe.Raw, mount, .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return mount;
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        foreach (var mount in new[] { _withFile, _withoutFile, _withCollectedFile }.Where(m => m != "" && MountTable.Find(m) is not null))
        {
            Shell.Run("fusermount3", "-u", mount);
            MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(10));
        }
        _pe?.Dispose();
    }

    private string InProcess(string mount, string file) => mount + _pe.ProcessDirectory + "/" + file;

    [TestCase(true)]
    [TestCase(false)]
    public void ExecutableIsTheOriginalExceptTheHookAndTheZeroFilledPages(bool withFile)
    {
        var served = File.ReadAllBytes(InProcess(withFile ? _withFile : _withoutFile, "executable.exe"));
        var expected = _pe.ExpectedExecutable(withFile);
        Assert.That(served.Length, Is.EqualTo(expected.Length), withFile ? "the overlay comes from the file on disk" : "no overlay without the file");
        Assert.That(FirstDifference(served, expected), Is.EqualTo(-1), "first differing offset");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void MemoryBinIsTheImageAsMapped(bool withFile)
    {
        var served = File.ReadAllBytes(InProcess(withFile ? _withFile : _withoutFile, "memory.bin"));
        var expected = _pe.ExpectedMemory(withFile);
        Assert.That(served.Length, Is.EqualTo(_pe.Facts.SizeOfImage));
        Assert.That(FirstDifference(served, expected), Is.EqualTo(-1), "first differing offset (section tails past their file data must be zeros)");
    }

    /// <summary>A tree with a drive-letter folder (how collection tools and image/files/ lay files out) fills pages like a drive root.</summary>
    [Test]
    public void ACollectedTreeWithADriveFolderFillsPagesFromTheFile()
    {
        var served = File.ReadAllBytes(InProcess(_withCollectedFile, "executable.exe"));
        Assert.That(FirstDifference(served, _pe.ExpectedExecutable(withFile: true)), Is.EqualTo(-1), "first differing offset");
        Assert.That(File.ReadAllText(InProcess(_withCollectedFile, "recovery.txt")), Is.EqualTo(File.ReadAllText(InProcess(_withFile, "recovery.txt"))));
    }

    [Test]
    public void ModulesDirectoryHoldsTheSameImage()
    {
        var module = Path.Combine(_withFile + _pe.ProcessDirectory, "modules", "kernel32.dll");
        Assert.That(File.ReadAllBytes(Path.Combine(module, "executable.exe")), Is.EqualTo(File.ReadAllBytes(InProcess(_withFile, "executable.exe"))));
        Assert.That(File.ReadAllBytes(Path.Combine(module, "memory.bin")), Is.EqualTo(File.ReadAllBytes(InProcess(_withFile, "memory.bin"))));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void RecoveryListsExactlyTheZeroFilledRanges(bool withFile)
    {
        var report = File.ReadAllText(InProcess(withFile ? _withFile : _withoutFile, "recovery.txt"));
        var listed = Section(report, "Zero-filled in executable.exe")
            .Select(line => Regex.Match(line, @"^\s+0x([0-9A-F]+)-0x([0-9A-F]+)\s"))
            .Where(m => m.Success)
            .Select(m => (Offset: Convert.ToInt64(m.Groups[1].Value, 16), End: Convert.ToInt64(m.Groups[2].Value, 16) + 1))
            .ToList();
        var expected = _pe.ExpectedZeroFilled(withFile).Select(r => (r.Offset, End: r.Offset + r.Length)).ToList();
        Assert.That(Merge(listed), Is.EqualTo(expected), report);
    }

    [Test]
    public void RecoveryCountsPagesByOriginAndFindsTheHook()
    {
        var report = File.ReadAllText(InProcess(_withFile, "recovery.txt"));
        int Count(params RealPeProcess.State[] states) => states.Sum(s => _pe.PagesIn(s).Count());
        Assert.That(OriginCount(report, "from memory"), Is.EqualTo(Count(RealPeProcess.State.Resident, RealPeProcess.State.Modified, RealPeProcess.State.Transition)), report);
        Assert.That(OriginCount(report, "from the file on disk"), Is.EqualTo(Count(RealPeProcess.State.FileOnly, RealPeProcess.State.ZeroPteFileOnly)), report);
        Assert.That(OriginCount(report, "demand zero"), Is.EqualTo(Count(RealPeProcess.State.PastFileData)), report);
        Assert.That(OriginCount(report, "zero-filled"), Is.EqualTo(Count(RealPeProcess.State.Absent)), report);

        var hookAt = _pe.Facts.FileOffsetOf(RealPeProcess.HookRva);
        Assert.That(Section(report, "Differing byte runs"), Is.EqualTo(new[] { $"  0x{hookAt:X8}+0x{RealPeProcess.HookBytes.Length:X}  .text (RVA 0x{RealPeProcess.HookRva:X})" }), report);
        var text = Section(report, "Compared with the file on disk").Single(l => l.TrimStart().StartsWith(".text ", StringComparison.Ordinal));
        Assert.That(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], Is.EqualTo(RealPeProcess.HookBytes.Length.ToString()), "differing bytes in .text");
        Assert.That(report, Does.Contain("sha256 " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_pe.ExpectedExecutable(true)))));
    }

    /// <summary>The pictures decode (pngcheck and a python3 zlib decoder), have their documented sizes and show known pages and bytes in their colours.</summary>
    [Test]
    public void PicturesShowTheKnownPagesAndBytes()
    {
        var executable = _pe.ExpectedExecutable(true);
        var bytes = PngDecoder.Decode(File.ReadAllBytes(InProcess(_withFile, "executable.png")));
        var layout = new ByteColumnLayout(executable.Length);
        Assert.That((bytes.Width, bytes.Height), Is.EqualTo((512, layout.Height)));
        foreach (var index in new long[] { 0, 0x3C, _pe.Facts.FileOffsetOf(RealPeProcess.HookRva), executable.Length - 1 })
        {
            var (x, y) = layout.PixelOf(index);
            Assert.That(bytes.Pixel(x, y), Is.EqualTo(BytePalette.Of(executable[index])), $"byte 0x{index:X}");
        }

        var recovery = PngDecoder.Decode(File.ReadAllBytes(InProcess(_withFile, "recovery.png")));
        var pages = _pe.States.Length;
        Assert.That((recovery.Width, recovery.Height), Is.EqualTo((RecoveryPicture.Width, RecoveryPicture.HeightFor(pages))));
        void Cell(RealPeProcess.State state, PageSource source)
        {
            var (x, y) = RecoveryPicture.CellOrigin(_pe.PagesIn(state).First());
            PictureAssert.Filled(recovery, x, y, RecoveryPicture.CellSize, RecoveryPicture.CellSize, Palettes.PageSources.Colour(source), $"a {state} page");
        }
        Cell(RealPeProcess.State.Resident, PageSource.Memory);
        Cell(RealPeProcess.State.FileOnly, PageSource.Disk);
        Cell(RealPeProcess.State.Absent, PageSource.ZeroFilled);

        var diff = PngDecoder.Decode(File.ReadAllBytes(InProcess(_withFile, "diff.png")));
        var hook = DiffPicture.PixelOf(_pe.Facts.FileOffsetOf(RealPeProcess.HookRva), executable.Length);
        Assert.That(diff.Pixel(hook.X, hook.Y), Is.EqualTo(Palettes.ByteMatches.Colour(ByteMatch.Different)), "the hook");
        var zeroFilled = DiffPicture.PixelOf(_pe.ExpectedZeroFilled(true)[0].Offset, executable.Length);
        Assert.That(diff.Pixel(zeroFilled.X, zeroFilled.Y), Is.EqualTo(Palettes.ByteMatches.Colour(ByteMatch.Missing)), "a zero-filled byte");
        var equal = DiffPicture.PixelOf(0, executable.Length);
        Assert.That(diff.Pixel(equal.X, equal.Y), Is.EqualTo(Palettes.ByteMatches.Colour(ByteMatch.Equal)), "the MZ header");

        var vmem = PngDecoder.Decode(File.ReadAllBytes(InProcess(_withFile, "vmem.png")));
        Assert.That((vmem.Width, vmem.Height), Is.EqualTo((AddressSpacePicture.Width, AddressSpacePicture.HeightFor(1))), "one VAD: the image");
        var top = AddressSpacePicture.ContentTop(0);
        var scale = BarScale.For((ulong)pages, AddressSpacePicture.BarWidth);
        Assert.That(vmem.Pixel(AddressSpacePicture.BarLeft + _pe.PagesIn(RealPeProcess.State.Absent).First() * scale.PixelsPerCell, top + 1),
            Is.EqualTo(Palettes.PageKinds.Colour(PageKind.Unresolvable)), "an absent page cannot be read");
        Assert.That(vmem.Pixel(AddressSpacePicture.BarLeft, top + 1), Is.EqualTo(Palettes.PageKinds.Colour(PageKind.Valid)), "the header page");
    }

    /// <summary>ssdeep (Debian package) on the mounted file against the original; pages filled from disk must score higher than zeros.</summary>
    [Test]
    public void SsdeepMatchesTheOriginalAndDiskFillingScoresHigher()
    {
        var known = Path.Combine(_pe.Directory, "original.ssdeep");
        var hash = Shell.Run("ssdeep", "-b", PeFacts.PathOf("win10-19041/kernel32.dll"));
        Assert.That(hash.ExitCode, Is.Zero, "ssdeep must be installed (Debian package ssdeep): " + hash.Stderr);
        File.WriteAllText(known, hash.Stdout);
        var withFile = SsdeepScore(known, InProcess(_withFile, "executable.exe"));
        var zeroFilled = SsdeepScore(known, InProcess(_withoutFile, "executable.exe"));
        TestContext.Out.WriteLine($"ssdeep score against the original: {withFile} with pages filled from the file on disk, {zeroFilled} with them zero-filled");
        Assert.That(withFile, Is.GreaterThanOrEqualTo(90));
        Assert.That(withFile, Is.GreaterThan(zeroFilled));
    }

    private static int SsdeepScore(string known, string file)
    {
        var match = Shell.Run("ssdeep", "-a", "-m", known, file);
        Assert.That(match.ExitCode, Is.Zero, match.Stderr);
        var score = Regex.Match(match.Stdout, @"matches .*\((\d+)\)");
        Assert.That(score.Success, $"ssdeep printed no score for {file}: {match.Stdout} {match.Stderr}");
        return int.Parse(score.Groups[1].Value);
    }

    private static int OriginCount(string report, string label) =>
        int.Parse(Section(report, "Pages of the image, by origin").Single(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal))
            .Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).First(p => p.All(char.IsDigit)));

    /// <summary>The lines after the line starting with <paramref name="heading"/>, up to the next blank line.</summary>
    private static IReadOnlyList<string> Section(string report, string heading) =>
        report.Split('\n').SkipWhile(l => !l.StartsWith(heading, StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToList();

    private static List<(long Offset, long End)> Merge(List<(long Offset, long End)> ranges)
    {
        var merged = new List<(long Offset, long End)>();
        foreach (var r in ranges)
            if (merged.Count > 0 && merged[^1].End == r.Offset) merged[^1] = (merged[^1].Offset, r.End);
            else merged.Add(r);
        return merged;
    }

    private static long FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var at = a.AsSpan(0, n).CommonPrefixLength(b.AsSpan(0, n));
        return at < n ? at : a.Length == b.Length ? -1 : n;
    }
}
