using System.Text;
using System.Text.RegularExpressions;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;
using static MemFs.Tests.Mount.Cli.SwapperWindowsRaw;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Pages without bytes are holes: the swapper image mounted by default (with and without its pagefile) and with
/// --strict, read through the kernel with grep, cp --sparse and lseek(SEEK_DATA/SEEK_HOLE); coverage.txt and
/// vadmap.txt against the kinds the image was built with.
/// </summary>
[NonParallelizable]
public class HoleMountTests
{
    private SwapperWindowsRaw _image = null!;
    private MountPoints? _mounts;
    private string _withPagefile = "", _withoutPagefile = "", _strict = "";

    [OneTimeSetUp]
    public void MountTheSwapper()
    {
        FuseRequirement.Require();
        _image = new SwapperWindowsRaw();
        _mounts = new MountPoints(_image.Raw, _image.Directory);
        _withPagefile = _mounts.Mount("with-pagefile", "--pagefile", $"0={_image.Pagefile}");
        _withoutPagefile = _mounts.Mount("without-pagefile");
        _strict = _mounts.Mount("strict", "--strict");
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        _mounts?.Dispose();
        _image?.Dispose();
    }

    private string Region(string mount, ulong start, Kind[] kinds) => Path.Combine(mount, _image.ProcessDirectory, "regions", RegionName(start, kinds));

    [TestCase(true)]
    [TestCase(false)]
    public void GrepRunsToTheEndAndFindsEveryTagThatCanBeResolved(bool withPagefile)
    {
        var mount = withPagefile ? _withPagefile : _withoutPagefile;
        var grep = Shell.Run("grep", "-a", "-o", $"{Tag}-[0-9]*", Region(mount, MainStart, MainKinds));
        Assert.That(grep.ExitCode, Is.Zero, grep.Stderr);
        Assert.That(grep.Stderr, Is.Empty);
        var expected = MainKinds.Select((kind, page) => (kind, page)).Where(p => Tagged(p.kind) && Readable(p.kind, withPagefile))
            .Select(p => _image.Tags[MainStart + (ulong)p.page * 4096]).ToArray();
        Assert.That(grep.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(expected));
        Assert.That(expected, Has.Length.EqualTo(withPagefile ? 11 : 7), "the scenario itself");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void CpSparseCopiesTheRegionWithZerosForHoles(bool withPagefile)
    {
        var copy = Path.Combine(_image.Directory, $"copy-{withPagefile}.bin");
        var cp = Shell.Run("cp", "--sparse=always", Region(withPagefile ? _withPagefile : _withoutPagefile, MainStart, MainKinds), copy);
        Assert.That(cp.ExitCode, Is.Zero, cp.Stderr);
        Assert.That(File.ReadAllBytes(copy), Is.EqualTo(Expected(MainStart, MainKinds, withPagefile)));
    }

    [TestCase(true, MainStart)]
    [TestCase(false, MainStart)]
    [TestCase(true, StackStart)]
    [TestCase(false, PagedTableStart)]
    public void SeekDataAndSeekHoleLandOnTheHolePages(bool withPagefile, ulong start)
    {
        var kinds = start switch { MainStart => MainKinds, StackStart => StackKinds, _ => PagedTableKinds };
        using var file = File.OpenHandle(Region(withPagefile ? _withPagefile : _withoutPagefile, start, kinds));
        Assert.That(Segments(file, kinds.Length * 4096L), Is.EqualTo(DataSegments(kinds, p => Readable(p, withPagefile))));
    }

    [Test]
    public void StrictFailsExactlyOnThePagesThatCannotBeResolved()
    {
        using var file = File.OpenHandle(Region(_strict, MainStart, MainKinds));
        var buffer = new byte[4096];
        for (var page = 0; page < MainKinds.Length; page++)
        {
            var kind = MainKinds[page];
            var fails = !Readable(kind, withPagefile: false) && !NoContent(kind);
            if (fails)
                Assert.Throws<IOException>(() => RandomAccess.Read(file, buffer, page * 4096L), $"page {page} ({kind})");
            else
            {
                Assert.That(RandomAccess.Read(file, buffer, page * 4096L), Is.EqualTo(4096), $"page {page} ({kind})");
                Assert.That(buffer, Is.EqualTo(Expected(MainStart, MainKinds, false).AsSpan(page * 4096, 4096).ToArray()), $"page {page} ({kind})");
            }
        }
        // With --strict only pages with no content are holes: the unresolvable ones are data that fails.
        Assert.That(Segments(file, MainKinds.Length * 4096L), Is.EqualTo(DataSegments(MainKinds, k => !NoContent(k))));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void CoverageCountsEveryPageByStateAndReason(bool withPagefile)
    {
        var mount = withPagefile ? _withPagefile : _withoutPagefile;
        var text = File.ReadAllText(Path.Combine(mount, _image.ProcessDirectory, "coverage.txt"));
        var all = MainKinds.Concat(StackKinds).Concat(PagedTableKinds).ToArray();
        var readable = all.Count(k => Readable(k, withPagefile));
        Assert.That(Count(text, "pages"), Is.EqualTo(all.Length));
        Assert.That(Count(text, "readable"), Is.EqualTo(readable));
        Assert.That(Count(text, "holes"), Is.EqualTo(all.Length - readable));
        Assert.That(Count(text, @"failing \(EIO\)"), Is.Zero);
        Assert.That(Reason(text, "decommitted (MM_DECOMMIT: no memory exists)"), Is.EqualTo(all.Count(k => k == Kind.Decommitted)));
        Assert.That(Reason(text, "reserved, never committed (no memory exists)"), Is.EqualTo(all.Count(k => k == Kind.Reserved)));
        Assert.That(Reason(text, "in the compressed virtual store (page key 0x…), which cannot be read: no SmGlobals in the profile, and ntoskrnl has no CACHEALI section to scan"), Is.EqualTo(all.Count(k => k == Kind.Compressed)));
        Assert.That(Reason(text, "Pagefile: pagefile 0 was not supplied (use --pagefile 0=FILE)"), Is.EqualTo(withPagefile ? 0 : all.Count(k => k == Kind.Pagefile)));
        Assert.That(Reason(text, "the PTE table at pagefile 0 @ 0x… cannot be read: pagefile 0 @ 0x…: pagefile 0 was not supplied (use --pagefile 0=FILE)"),
            Is.EqualTo(withPagefile ? 0 : all.Count(k => k == Kind.UnderPagedTable)), text);

        var whole = File.ReadAllText(Path.Combine(mount, "coverage.txt"));
        var byProcess = Regex.Matches(whole, @"^\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)  \d+-", RegexOptions.Multiline);
        Assert.That(byProcess, Has.Count.EqualTo(7), "the boot processes and the swapper");
        Assert.That(Count(whole, "holes"), Is.EqualTo(byProcess.Sum(m => long.Parse(m.Groups[2].Value.Replace(",", "")))), whole);
        Assert.That(Count(whole, "readable"), Is.EqualTo(byProcess.Sum(m => long.Parse(m.Groups[1].Value.Replace(",", "")))), whole);
        Assert.That(Reason(whole, "decommitted (MM_DECOMMIT: no memory exists)"), Is.EqualTo(all.Count(k => k == Kind.Decommitted)));
        Assert.That(whole, Does.Match($@"\s{readable}\s+{all.Length - readable}\s+0  {_image.Swapper.Pid}-swapper\.exe"));
    }

    [Test]
    public void StrictCoverageCountsTheFailingPages()
    {
        var text = File.ReadAllText(Path.Combine(_strict, _image.ProcessDirectory, "coverage.txt"));
        var all = MainKinds.Concat(StackKinds).Concat(PagedTableKinds).ToArray();
        Assert.That(Count(text, "holes"), Is.EqualTo(all.Count(NoContent)));
        Assert.That(Count(text, @"failing \(EIO\)"), Is.EqualTo(all.Count(k => !Readable(k, false) && !NoContent(k))));
    }

    [Test]
    public void VadmapNamesTheReasonOfEveryHole()
    {
        var vadmap = File.ReadAllText(Path.Combine(_withoutPagefile, _image.ProcessDirectory, "vadmap.txt"));
        Assert.That(vadmap, Does.Contain($"0x{MainStart + 3 * 4096:X16} 0x{MainStart + 5 * 4096 - 1:X16}        2  Decommitted (MM_DECOMMIT): no memory exists — hole"));
        Assert.That(vadmap, Does.Contain($"0x{StackStart:X16} 0x{StackStart + 5 * 4096 - 1:X16}        5  Reserved: never committed, no memory exists — hole"));
        Assert.That(vadmap, Does.Match($@"0x{MainStart + 8 * 4096:X16} 0x{MainStart + 9 * 4096 - 1:X16}        1  Unresolvable: in the compressed virtual store \(page key 0x[0-9A-F]+\), which cannot be read: no SmGlobals in the profile, and ntoskrnl has no CACHEALI section to scan — hole"));
        Assert.That(vadmap, Does.Match($@"0x{MainStart + 2 * 4096:X16} 0x{MainStart + 3 * 4096 - 1:X16}        1  Pagefile 0 @ 0x[0-9A-F]+ — not available: pagefile 0 was not supplied \(use --pagefile 0=FILE\) — hole"));
        Assert.That(vadmap, Does.Contain($"0x{PagedTableStart:X16} 0x{PagedTableStart + 3 * 4096 - 1:X16}        3  Unresolvable: the PTE table at pagefile 0 @ 0x"));
        var strict = File.ReadAllText(Path.Combine(_strict, _image.ProcessDirectory, "vadmap.txt"));
        Assert.That(strict, Does.Contain("Decommitted (MM_DECOMMIT): no memory exists — hole").And.Contain("no CACHEALI section to scan — EIO (--strict)"));
    }

    /// <summary>The region's bytes: each tagged page that can be read starts with its tag line, the rest is zeros.</summary>
    private byte[] Expected(ulong start, Kind[] kinds, bool withPagefile)
    {
        var bytes = new byte[kinds.Length * 4096];
        for (var page = 0; page < kinds.Length; page++)
            if (Tagged(kinds[page]) && Readable(kinds[page], withPagefile))
                Encoding.ASCII.GetBytes(_image.Tags[start + (ulong)page * 4096] + "\n").CopyTo(bytes, page * 4096);
        return bytes;
    }

    /// <summary>[start, end) of each run of pages that are data.</summary>
    private static List<(long, long)> DataSegments(Kind[] kinds, Func<Kind, bool> data)
    {
        var segments = new List<(long, long)>();
        for (var page = 0; page < kinds.Length; page++)
        {
            if (!data(kinds[page])) continue;
            if (segments.Count > 0 && segments[^1].Item2 == page * 4096L) segments[^1] = (segments[^1].Item1, (page + 1) * 4096L);
            else segments.Add((page * 4096L, (page + 1) * 4096L));
        }
        return segments;
    }

    /// <summary>The data segments lseek reports, SEEK_DATA then SEEK_HOLE from the start to ENXIO.</summary>
    private static List<(long, long)> Segments(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        var segments = new List<(long, long)>();
        long offset = 0;
        while (offset < length)
        {
            var data = SeekProbe.Seek(file, offset, SeekProbe.SEEK_DATA);
            if (data < 0) break;
            var hole = SeekProbe.Seek(file, data, SeekProbe.SEEK_HOLE);
            Assert.That(hole, Is.GreaterThan(data));
            segments.Add((data, hole));
            offset = hole;
        }
        return segments;
    }

    private static long Count(string text, string label) =>
        long.Parse(Regex.Match(text, $@"^{label}\s+([\d,]+) pages", RegexOptions.Multiline).Groups[1].Value.Replace(",", ""));

    private static long Reason(string text, string reason)
    {
        var line = Regex.Match(text, $@"^\s+([\d,]+)  {Regex.Escape(reason)}$", RegexOptions.Multiline);
        return line.Success ? long.Parse(line.Groups[1].Value.Replace(",", "")) : 0;
    }
}
