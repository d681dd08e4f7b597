using System.Text.Json;
using System.Text.RegularExpressions;
using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Translate.Paging;
using NUnit.Framework;
using static MemFs.Tests.Mount.Cli.FirstHourImage;
using static MemFs.Tests.Mount.Cli.SwapperWindowsRaw;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Issue 12's acceptance, end to end through real mounts of <see cref="FirstHourImage"/>: grep counts every page with
/// content that the sources given can resolve, the mapped file reads from the <c>C/</c> folder of <c>--files</c> with
/// zeros past its end, <c>--strict</c> fails exactly on the unresolvable pages, the unlinked process is listed by
/// <c>ps --scan --json</c> and served under unlinked/, and a second mount onto a live one fails.
/// </summary>
[NonParallelizable]
public class FirstHourMountTests
{
    private FirstHourImage _image = null!;
    private MountPoints? _mounts;
    private string _full = "", _bare = "", _strict = "";

    private string Raw => _image.Swapper.Raw;
    private string[] FullOptions => ["--pagefile", $"0={_image.Swapper.Pagefile}", "--files", _image.Files];

    [OneTimeSetUp]
    public void MountTheImage()
    {
        FuseRequirement.Require();
        _image = new FirstHourImage();
        _mounts = new MountPoints(Raw, _image.Swapper.Directory);
        _full = _mounts.Mount("full", FullOptions);
        _bare = _mounts.Mount("bare");
        _strict = _mounts.Mount("strict", "--strict", "--files", _image.Files);
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        _mounts?.Dispose();
        _image?.Dispose();
    }

    private string SwapperRegion(string mount) => Path.Combine(mount, _image.Swapper.ProcessDirectory, "regions", RegionName(MainStart, MainKinds));

    private string View(string mount) => Path.Combine(mount, _image.Swapper.ProcessDirectory, "regions", ViewRegionName);

    [TestCase(true)]
    [TestCase(false)]
    public void GrepCountsEveryPageWithContentTheSourcesResolve(bool withPagefile)
    {
        var region = SwapperRegion(withPagefile ? _full : _bare);
        var expected = MainKinds.Count(k => Tagged(k) && Readable(k, withPagefile));
        Assert.That(expected, Is.EqualTo(withPagefile ? 11 : 7), "the scenario itself");

        var count = Shell.Run("grep", "-a", "-c", Tag, region);
        Assert.That(count.ExitCode, Is.Zero, count.Stderr);
        Assert.That(count.Stderr, Is.Empty);
        Assert.That(count.Stdout.Trim(), Is.EqualTo(expected.ToString()));

        var words = Shell.Run("sh", "-c", $"grep -a -o {Tag} '{region}' | wc -l");
        Assert.That(words.ExitCode, Is.Zero, words.Stderr);
        Assert.That(words.Stderr, Is.Empty);
        Assert.That(words.Stdout.Trim(), Is.EqualTo(expected.ToString()));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void GrepCountsTheMappedFilesPagesWithAndWithoutTheFile(bool withFiles)
    {
        var grep = Shell.Run("grep", "-a", "-c", FileTag, View(withFiles ? _full : _bare));
        Assert.That(grep.ExitCode, Is.Zero, grep.Stderr);
        Assert.That(grep.Stderr, Is.Empty);
        var inMemory = _image.ViewStates.Count(s => s is SectionPageState.Resident or SectionPageState.Transition);
        Assert.That(inMemory, Is.EqualTo(3), "the scenario itself");
        Assert.That(grep.Stdout.Trim(), Is.EqualTo((withFiles ? ViewPages : inMemory).ToString()));
    }

    [Test]
    public void TheMappedFileReadsTheFileFromTheDriveLetterFolderAndZerosPastItsEnd()
    {
        var view = File.ReadAllBytes(View(_full));
        Assert.That(view, Has.Length.EqualTo(0x60000));
        Assert.That(view.AsSpan(0, FileLength).SequenceEqual(_image.FileBytes), Is.True, "the file's bytes");
        Assert.That(view.AsSpan(0x5F000, 0x474).SequenceEqual(_image.FileBytes.AsSpan(0x5F000)), Is.True, "the last page's part of the file");
        Assert.That(view.AsSpan(FileLength).ToArray(), Is.All.EqualTo(0), "past the end of the file the memory manager zero-fills the page");
        Assert.That(_image.FileBytes, Is.All.Not.EqualTo(0), "the file itself has no zeros, so the zeros can only come from the fill");

        var last = ViewStart + LastPage * 4096UL;
        var vadmap = File.ReadAllText(Path.Combine(_full, _image.Swapper.ProcessDirectory, "vadmap.txt"));
        Assert.That(vadmap, Does.Contain($"  0x{last:X16} 0x{last + 0xFFF:X16}        1  File Mapping {KernelPath} @ 0x5F000 (P)\n"), vadmap);
        var bare = File.ReadAllText(Path.Combine(_bare, _image.Swapper.ProcessDirectory, "vadmap.txt"));
        Assert.That(bare, Does.Match($@"  0x{last:X16} 0x{last + 0xFFF:X16}        1  File Mapping {Regex.Escape(KernelPath)} @ 0x5F000 — not available: .* — hole\n"), bare);
    }

    [Test]
    public void StrictFailsExactlyOnTheUnresolvablePagesAndReadsTheirNeighbours()
    {
        using var file = File.OpenHandle(SwapperRegion(_strict));
        var buffer = new byte[4096];
        var failed = new List<int>();
        for (var page = 0; page < MainKinds.Length; page++)
        {
            var kind = MainKinds[page];
            try
            {
                Assert.That(RandomAccess.Read(file, buffer, page * 4096L), Is.EqualTo(4096), $"page {page} ({kind})");
                var tag = Tagged(kind) && Readable(kind, withPagefile: false) ? _image.Swapper.Tags[MainStart + (ulong)page * 4096] + "\n" : "";
                Assert.That(System.Text.Encoding.ASCII.GetString(buffer, 0, tag.Length), Is.EqualTo(tag), $"page {page} ({kind})");
                Assert.That(buffer.AsSpan(tag.Length).ToArray(), Is.All.EqualTo(0), $"page {page} ({kind})");
            }
            catch (IOException e)
            {
                Assert.That(e.HResult & 0xFFFF, Is.EqualTo(5), $"page {page} ({kind}): EIO, not {e.Message}");
                failed.Add(page);
            }
        }
        var unresolvable = Enumerable.Range(0, MainKinds.Length).Where(p => !Readable(MainKinds[p], withPagefile: false) && !NoContent(MainKinds[p])).ToArray();
        Assert.That(unresolvable, Has.Length.EqualTo(5), "the scenario itself: four paged out, one compressed");
        Assert.That(failed, Is.EqualTo(unresolvable));

        Assert.That(File.ReadAllBytes(View(_strict)), Is.EqualTo(_image.ViewBytes()), "with --files every page of the view resolves, so --strict reads it whole");
    }

    [Test]
    public void PsScanJsonListsTheUnlinkedProcess()
    {
        var linked = MemFsProcess.Run("ps", Raw, "--json");
        Assert.That(linked.ExitCode, Is.Zero, linked.Stderr);
        Assert.That(Names(linked.Text), Does.Contain("swapper.exe").And.Not.Contain(HiddenName), "not on the active list");

        var scan = MemFsProcess.Run("ps", Raw, "--scan", "--json");
        Assert.That(scan.ExitCode, Is.Zero, scan.Stderr);
        var hidden = JsonDocument.Parse(scan.Text).RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == HiddenName);
        Assert.That(hidden.GetProperty("pid").GetInt64(), Is.EqualTo(HiddenPid));
        Assert.That(hidden.GetProperty("ppid").GetInt64(), Is.EqualTo(_image.Swapper.Swapper.Pid));
        Assert.That(hidden.GetProperty("foundBy").GetString(), Is.EqualTo("EPROCESS scan"));
        Assert.That(hidden.GetProperty("eprocess").GetString(), Is.EqualTo($"0x{_image.Hidden.Eprocess:X}"));
    }

    [Test]
    public void TheUnlinkedFolderServesTheHiddenProcesssTaggedPage()
    {
        Assert.That(Directory.GetDirectories(Path.Combine(_full, "processes")).Select(Path.GetFileName), Does.Not.Contain($"{HiddenPid}-{HiddenName}"));
        var unlinked = Path.Combine(_full, "unlinked");
        Assert.That(Directory.GetDirectories(unlinked).Select(Path.GetFileName), Is.EqualTo(new[] { $"{HiddenPid}-{HiddenName}" }));
        var region = Path.Combine(unlinked, $"{HiddenPid}-{HiddenName}", "regions", HiddenRegionName);
        var bytes = File.ReadAllBytes(region);
        var expected = new byte[HiddenHeapPages * 4096];
        System.Text.Encoding.ASCII.GetBytes(HiddenTag + "\n").CopyTo(expected, 0);
        Assert.That(bytes, Is.EqualTo(expected));
        var grep = Shell.Run("grep", "-a", "-c", HiddenTag, region);
        Assert.That((grep.ExitCode, grep.Stdout.Trim(), grep.Stderr), Is.EqualTo((0, "1", "")));
    }

    [Test]
    public void ASecondMountOntoTheLiveMountFailsAndTheFirstKeepsServing()
    {
        var before = MountTable.Find(_full);
        var second = MemFsProcess.Run(["mount", Raw, _full, .. FullOptions]);
        Assert.That(second.ExitCode, Is.Not.Zero, second.Stderr);
        Assert.That(second.Stderr, Does.Contain($"{_full} is already mounted"));
        Assert.That(MountTable.Find(_full), Is.EqualTo(before), "the first mount is the one in the table");
        Assert.That(File.ReadAllBytes(View(_full)), Is.EqualTo(_image.ViewBytes()), "the first mount still serves");
        var grep = Shell.Run("grep", "-a", "-c", Tag, SwapperRegion(_full));
        Assert.That(grep.Stdout.Trim(), Is.EqualTo("11"), grep.Stderr);
    }

    private static string?[] Names(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
}
