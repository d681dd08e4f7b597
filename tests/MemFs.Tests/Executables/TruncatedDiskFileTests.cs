using System.Text.RegularExpressions;
using MemFs.Tests.Mount.Cli;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// The file on disk (--files) shorter than its headers say, cut inside the headers, inside .text (mid-page, among
/// file-only pages), inside the last section and inside the overlay: recovery.txt, executable.exe and the pictures
/// are still served; executable.exe holds zeros where the file's bytes are gone, and recovery.txt lists exactly those
/// ranges with the file's real end and the end its headers give.
/// </summary>
[TestFixture(0x200L)]
[TestFixture(0x3A123L)]
[TestFixture(0xB6D00L)]
[TestFixture(0xB6E80L)]
public class TruncatedDiskFileTests(long cut)
{
    /// <summary>The end of the file its headers give: the certificate table (the overlay) ends the file.</summary>
    private const long HeadersEnd = 764456;

    private RealPeProcess _pe = null!;

    [OneTimeSetUp]
    public void Build()
    {
        _pe = new RealPeProcess();
        Assert.That(_pe.Original.Length, Is.EqualTo(HeadersEnd));
        using var file = new FileStream(_pe.FileOnDisk, FileMode.Open, FileAccess.Write);
        file.SetLength(cut);
    }

    [OneTimeTearDown]
    public void Delete() => _pe?.Dispose();

    private MemFsProcess.Result Cat(string file) => MemFsProcess.Run("cat", _pe.Raw, _pe.ProcessDirectory + "/" + file, "--files", _pe.Files);

    [Test]
    public void ExecutableHoldsZerosWhereTheFileIsGone()
    {
        var executable = Cat("executable.exe");
        Assert.That(executable.ExitCode, Is.Zero, executable.Stderr);
        var expected = _pe.ExpectedExecutableWithFileCutAt(cut);
        Assert.That(executable.Stdout.Length, Is.EqualTo(expected.Length));
        Assert.That(executable.Stdout.AsSpan().CommonPrefixLength(expected), Is.EqualTo(expected.Length), "first differing offset");
    }

    [Test]
    public void RecoveryListsWhatIsMissingAndWhereTheFileEnds()
    {
        var recovery = Cat("recovery.txt");
        Assert.That(recovery.ExitCode, Is.Zero, recovery.Stderr);
        var report = recovery.Text;
        Assert.That(report, Does.Contain($"the file on disk ends at 0x{cut:X} but its headers say 0x{HeadersEnd:X}"), report);
        var listed = report.Split('\n').SkipWhile(l => !l.StartsWith("Zero-filled in executable.exe", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0)
            .Select(line => Regex.Match(line, @"^\s+0x([0-9A-F]+)-0x([0-9A-F]+)\s"))
            .Where(m => m.Success)
            .Select(m => (Offset: Convert.ToInt64(m.Groups[1].Value, 16), End: Convert.ToInt64(m.Groups[2].Value, 16) + 1))
            .ToList();
        var merged = new List<(long Offset, long End)>();
        foreach (var r in listed)
            if (merged.Count > 0 && merged[^1].End == r.Offset) merged[^1] = (merged[^1].Offset, r.End);
            else merged.Add(r);
        Assert.That(merged, Is.EqualTo(_pe.ExpectedZeroFilledWithFileCutAt(cut)), report);
        Assert.That(report, Does.Contain("past the end of"), report);
    }

    [Test]
    public void ListingAndPicturesNeverFail()
    {
        var listing = MemFsProcess.Run("ls", _pe.Raw, _pe.ProcessDirectory + "/modules/kernel32.dll", "-l", "--files", _pe.Files);
        Assert.That(listing.ExitCode, Is.Zero, listing.Stderr);
        Assert.That(listing.Text, Does.Contain("executable.exe").And.Contain("recovery.txt").And.Contain("diff.png"));
        foreach (var picture in new[] { "executable.png", "recovery.png", "diff.png" })
        {
            var png = Cat(picture);
            Assert.That(png.ExitCode, Is.Zero, $"{picture}: {png.Stderr}");
            Assert.That(png.Stdout.AsSpan(1, 3).ToArray(), Is.EqualTo("PNG"u8.ToArray()), picture);
        }
    }
}
