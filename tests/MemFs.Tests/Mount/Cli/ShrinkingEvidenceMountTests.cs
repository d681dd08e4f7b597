using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Evidence that shrinks or vanishes under a live mount: the raw image truncated to half, the pagefile deleted and then
/// truncated, each while 8 threads read it through the mount. Reads of the lost pages fail with EIO (the reason on
/// stderr), never give wrong bytes; the process stays up, every other file reads as before, and unmount is clean.
/// The evidence files are padded with patterned pages so that the half kept holds the whole synthetic system.
/// </summary>
[NonParallelizable]
public class ShrinkingEvidenceMountTests
{
    private const int MinimumBytes = 16 << 20;
    private const int Gap = 4 << 20;
    private SwapperWindowsRaw _image = null!;
    private byte[] _raw = [], _pagefile = [];

    [SetUp]
    public void WriteImage()
    {
        FuseRequirement.Require();
        _image = new SwapperWindowsRaw();
        _raw = Padded(_image.Raw, 1);
        _pagefile = Padded(_image.Pagefile, 2);
    }

    [TearDown]
    public void Remove() => _image?.Dispose();

    [Test]
    public void RawImageTruncatedToHalfUnderEightReadersFailsOnlyTheLostPages()
    {
        using var mount = new ForegroundMount(_image.Raw, Path.Combine(_image.Directory, "mnt"), "--pagefile", $"0={_image.Pagefile}");
        var physical = Path.Combine(mount.Path, "image", "physical.raw");
        Assert.That(new FileInfo(physical).Length, Is.EqualTo(_raw.Length));
        var region = Path.Combine(mount.Path, _image.ProcessDirectory, "regions", SwapperWindowsRaw.RegionName(SwapperWindowsRaw.MainStart, SwapperWindowsRaw.MainKinds));
        var regionBefore = File.ReadAllBytes(region);

        Shrink(physical, _raw, () =>
        {
            using var raw = new FileStream(_image.Raw, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            raw.SetLength(_raw.Length / 2);
        }, out var unread);

        AssertLostAndKept(physical, _raw, unread);
        Assert.That(File.ReadAllBytes(Path.Combine(mount.Path, "image", "pagefiles", "pagefile0.sys")), Is.EqualTo(_pagefile), "the pagefile is untouched");
        Assert.That(File.ReadAllBytes(region), Is.EqualTo(regionBefore), "the process's region (its frames and pagefile pages are in what is left)");
        Assert.That(File.ReadAllText(Path.Combine(mount.Path, _image.ProcessDirectory, "info.txt")), Does.Contain(_image.Swapper.Name));
        AssertCleanUnmount(mount, _image.Raw);
    }

    [Test]
    public void PagefileDeletedThenTruncatedUnderEightReadersFailsOnlyTheLostPages()
    {
        // The smallest page cache, so the readers' pages keep being read from the pagefile rather than kept.
        using var mount = new ForegroundMount(_image.Raw, Path.Combine(_image.Directory, "mnt"), "--pagefile", $"0={_image.Pagefile}", "--cache-size", "1M");
        var pagefile = Path.Combine(mount.Path, "image", "pagefiles", "pagefile0.sys");
        Assert.That(new FileInfo(pagefile).Length, Is.EqualTo(_pagefile.Length));

        Shrink(pagefile, _pagefile, () =>
        {
            // Deleted first: the mount's open handle still reads it (Linux), then it shrinks through a handle kept open.
            using var file = new FileStream(_image.Pagefile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            File.Delete(_image.Pagefile);
            Thread.Sleep(100);
            file.SetLength(_pagefile.Length / 2);
        }, out var unread);

        AssertLostAndKept(pagefile, _pagefile, unread);
        Assert.That(File.ReadAllBytes(Path.Combine(mount.Path, "image", "physical.raw")), Is.EqualTo(_raw), "the raw image is untouched");
        AssertCleanUnmount(mount, _image.Pagefile);
    }

    /// <summary>
    /// 8 readers of the first <c>length - Gap</c> bytes of <paramref name="mounted"/> (every page but those in
    /// <paramref name="unread"/>), <paramref name="shrink"/> run while they read, then checked: never a wrong byte.
    /// </summary>
    private static void Shrink(string mounted, byte[] before, Action shrink, out int[] unread)
    {
        var pages = before.Length / 4096;
        var readable = Enumerable.Range(0, (before.Length - Gap) / 4096).Where(p => p % 8 != 5).ToArray();
        unread = Enumerable.Range(0, pages).Except(readable).ToArray();
        var readers = VerifyingReaders.Start(mounted, before, readable);
        Thread.Sleep(300);
        shrink();
        Thread.Sleep(700);
        readers.Stop();
        TestContext.Out.WriteLine($"{mounted}: {readers.Good} reads gave the file's bytes, {readers.Failed} failed with EIO");
        Assert.That(readers.Wrong, Is.Empty);
        Assert.That(readers.Good, Is.GreaterThan(0));
    }

    /// <summary>Pages no reader touched: in the half kept they read as before; in the lost tail beyond the readers they fail with EIO.</summary>
    private static void AssertLostAndKept(string mounted, byte[] before, int[] unread)
    {
        using var file = File.OpenHandle(mounted);
        var buffer = new byte[4096];
        var half = before.Length / 2 / 4096;
        var lostTail = (before.Length - Gap / 2) / 4096;
        foreach (var page in unread)
        {
            if (page < half)
            {
                Assert.That(RandomAccess.Read(file, buffer, page * 4096L), Is.EqualTo(4096), $"page {page}");
                Assert.That(buffer.AsSpan().SequenceEqual(before.AsSpan(page * 4096, 4096)), $"page {page} reads as before");
            }
            else if (page >= lostTail)
                Assert.Throws<IOException>(() => RandomAccess.Read(file, buffer, page * 4096L), $"page {page} is past the new end");
        }
    }

    private static void AssertCleanUnmount(ForegroundMount mount, string evidence)
    {
        Assert.That(mount.IsServing, "the mount still serves");
        var (fusermount, server, stderr) = mount.Unmount();
        Assert.That(fusermount, Is.Zero, stderr);
        Assert.That(server, Is.Zero, stderr);
        Assert.That(MountTable.Find(mount.Path), Is.Null);
        Assert.That(stderr, Does.Contain(evidence).And.Contain("shrank or was truncated while open"));
    }

    /// <summary>Pads <paramref name="path"/> with patterned pages to at least twice its size and <see cref="MinimumBytes"/>; its new bytes.</summary>
    private static byte[] Padded(string path, int seed)
    {
        var bytes = File.ReadAllBytes(path);
        var padded = new byte[Math.Max(MinimumBytes, (bytes.Length * 2 + 4095) / 4096 * 4096)];
        new Random(seed).NextBytes(padded.AsSpan(bytes.Length));
        bytes.CopyTo(padded, 0);
        File.WriteAllBytes(path, padded);
        return padded;
    }
}
