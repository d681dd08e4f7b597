using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// The file on disk behind a mapped image (kernel32.dll in the --files tree, backing victim.exe's image section) under a
/// live mount: cut before the mount, and truncated (or deleted, then truncated) while 8 threads read memory.bin and
/// executable.exe. Pages whose file data is gone fail with EIO and the reason is logged (or give the bytes still in the
/// page cache), never wrong bytes; pages held in memory keep serving; recovery.txt, the module listing and the pictures
/// are still served and say what is missing.
/// </summary>
[NonParallelizable]
public class ShrinkingMappedFileMountTests
{
    private RealPeProcess _pe = null!;

    [SetUp]
    public void Build()
    {
        FuseRequirement.Require();
        _pe = new RealPeProcess();
    }

    [TearDown]
    public void Delete() => _pe?.Dispose();

    private ForegroundMount Mount() =>
        new(_pe.Raw, Path.Combine(_pe.Directory, "mnt"), "--files", _pe.Files, "--cache-size", "1M");

    [Test]
    public void AFileOnDiskCutBeforeTheMountIsListedInRecoveryAndZeroFilledInTheExecutable()
    {
        const long cut = 0x3A123;
        using (var file = new FileStream(_pe.FileOnDisk, FileMode.Open, FileAccess.Write)) file.SetLength(cut);
        using var mount = Mount();
        var module = mount.Path + _pe.ProcessDirectory;

        var executable = File.ReadAllBytes(module + "/executable.exe");
        var expected = _pe.ExpectedExecutableWithFileCutAt(cut);
        Assert.That(executable.AsSpan().CommonPrefixLength(expected), Is.EqualTo(expected.Length), "first differing offset");
        Assert.That(executable, Has.Length.EqualTo(expected.Length));
        Assert.That(File.ReadAllText(module + "/recovery.txt"), Does.Contain($"the file on disk ends at 0x{cut:X} but its headers say 0x{_pe.Original.Length:X}"));
        AssertListingAndPicturesServe(module + "/modules/kernel32.dll");
        AssertCleanUnmount(mount, shrank: false);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void MappedFileTruncatedUnderEightReadersFailsOnlyItsLostPages(bool deletedFirst)
    {
        var cut = _pe.Facts.RawEnd / 2 / RealPeProcess.Page * RealPeProcess.Page;
        var lost = _pe.PagesIn(RealPeProcess.State.FileOnly).Concat(_pe.PagesIn(RealPeProcess.State.ZeroPteFileOnly))
            .Where(page => _pe.Facts.FileRangesOf((uint)(page * RealPeProcess.Page), RealPeProcess.Page).Any(r => r.Offset + r.Length > cut))
            .ToHashSet();
        var resident = _pe.PagesIn(RealPeProcess.State.Resident).ToArray();
        Assert.That(lost, Is.Not.Empty, "file-only pages past the cut");
        using var mount = Mount();
        var module = mount.Path + _pe.ProcessDirectory;
        var memory = module + "/memory.bin";
        var before = _pe.ExpectedMemory(withFile: true);
        Assert.That(File.ReadAllBytes(memory), Is.EqualTo(before), "memory.bin before the file shrinks");

        var executable = module + "/executable.exe";
        var executableBefore = _pe.ExpectedExecutable(withFile: true);
        Assert.That(File.ReadAllBytes(executable), Is.EqualTo(executableBefore), "executable.exe before the file shrinks");

        // 4 readers of each file: together they pass the 1 MiB page cache, so reads keep reaching the file on disk.
        var readers = new[]
        {
            VerifyingReaders.Start(memory, before, [.. Enumerable.Range(0, before.Length / RealPeProcess.Page)], threads: 4),
            VerifyingReaders.Start(executable, executableBefore, [.. Enumerable.Range(0, executableBefore.Length / RealPeProcess.Page)], threads: 4),
        };
        Thread.Sleep(300);
        // The mount's open handle keeps a deleted file readable (Linux); it then shrinks through a handle kept open.
        using (var file = new FileStream(_pe.FileOnDisk, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            if (deletedFirst) File.Delete(_pe.FileOnDisk);
            Thread.Sleep(100);
            file.SetLength(cut);
        }
        Thread.Sleep(700);
        foreach (var r in readers) r.Stop();
        TestContext.Out.WriteLine($"memory.bin, executable.exe: {readers.Sum(r => r.Good)} reads gave the bytes, {readers.Sum(r => r.Failed)} failed with EIO");
        Assert.That(readers.SelectMany(r => r.Wrong), Is.Empty);
        Assert.That(readers.Select(r => r.Good), Is.All.GreaterThan(0));
        Assert.That(readers.Sum(r => r.Failed), Is.GreaterThan(0), "reads of the lost pages reached the file on disk");

        using (var handle = File.OpenHandle(memory))
        {
            VerifyingReaders.DropKernelCache(handle);
            var page = new byte[RealPeProcess.Page];
            foreach (var p in resident)
            {
                Assert.That(RandomAccess.Read(handle, page, (long)p * page.Length), Is.EqualTo(page.Length), $"resident page {p}");
                Assert.That(page.AsSpan().SequenceEqual(before.AsSpan(p * page.Length, page.Length)), $"resident page {p} reads as before");
            }
            // A lost page still in the mount's page cache gives the bytes it held; one read again fails, never zeros or other bytes.
            foreach (var p in lost)
            {
                try
                {
                    Assert.That(RandomAccess.Read(handle, page, (long)p * page.Length), Is.EqualTo(page.Length), $"page {p}");
                    Assert.That(page.AsSpan().SequenceEqual(before.AsSpan(p * page.Length, page.Length)), $"page {p}: its file data is past the new end, yet it read as something else");
                }
                catch (IOException)
                {
                    // EIO: its file data is past the new end.
                }
            }
        }
        var recovery = File.ReadAllText(module + "/recovery.txt");
        Assert.That(recovery, Does.Contain("Unreadable while serving").And.Contain("shrank or was truncated while open"), recovery);
        AssertListingAndPicturesServe(module + "/modules/kernel32.dll");
        AssertCleanUnmount(mount, shrank: true);
    }

    /// <summary>`ls -l` of the module directory and every picture: never an error.</summary>
    private static void AssertListingAndPicturesServe(string moduleDirectory)
    {
        var entries = Directory.GetFileSystemEntries(moduleDirectory).Select(e => new FileInfo(e)).ToList();
        Assert.That(entries.Select(e => e.Name), Is.SupersetOf(new[] { "executable.exe", "recovery.txt", "executable.png", "recovery.png", "diff.png" }));
        foreach (var picture in entries.Where(e => e.Name.EndsWith(".png", StringComparison.Ordinal)))
        {
            var png = File.ReadAllBytes(picture.FullName);
            // A picture not produced yet is listed with size 0 (served direct_io); read, it is a whole PNG.
            Assert.That(picture.Length, Is.EqualTo(0).Or.EqualTo(png.Length), picture.Name);
            Assert.That(png.AsSpan(1, 3).ToArray(), Is.EqualTo("PNG"u8.ToArray()), picture.Name);
            Assert.That(png.AsSpan(png.Length - 8, 4).ToArray(), Is.EqualTo("IEND"u8.ToArray()), $"{picture.Name} ends with IEND");
        }
    }

    private void AssertCleanUnmount(ForegroundMount mount, bool shrank)
    {
        Assert.That(mount.IsServing, "the mount still serves");
        var (fusermount, server, stderr) = mount.Unmount();
        Assert.That((fusermount, server), Is.EqualTo((0, 0)), stderr);
        if (shrank) Assert.That(stderr, Does.Contain("kernel32.dll").And.Contain("shrank or was truncated while open"));
    }
}
