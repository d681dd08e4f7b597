using System.Runtime.Versioning;
using MemFs.Mount;
using MemFs.Mount.WinFsp;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>
/// A real WinFsp mount of the FUSE tests' tree on a new directory, read with ordinary .NET file APIs. Needs Windows with
/// WinFsp installed; skipped anywhere else (it is the only test of the callback wiring and the directory buffer).
/// </summary>
[NonParallelizable]
public class WinFspMountTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    [SupportedOSPlatform("windows")] // NUnit still runs it elsewhere, where it is ignored
    public void TheTreeIsServedReadOnlyAndGoesAwayOnCancel()
    {
        if (!OperatingSystem.IsWindows()) Assert.Ignore("WinFsp mounts need Windows");
        if (!WinFspLibrary.IsInstalled) Assert.Ignore($"WinFsp is not installed (see {WinFspDll.Download})");
        var parent = Directory.CreateTempSubdirectory("memfs-winfsp-").FullName;
        var target = Path.Combine(parent, "mnt");
        using var mounted = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var host = new WinFspHost { Mounted = _ => mounted.Set() };
        var thread = new Thread(() =>
        {
            try { host.Run(new TestTree(), target, new MountOptions(), stop.Token); }
            catch (Exception e) { failure = e; }
        }) { IsBackground = true, Name = "test-winfsp-host" };
        thread.Start();
        try
        {
            Assert.That(WaitHandle.WaitAny([mounted.WaitHandle], Timeout) == 0 && thread.IsAlive, $"not mounted: {failure}");
            Check(target);
        }
        finally
        {
            stop.Cancel();
            Assert.That(thread.Join(Timeout), "WinFspHost.Run returned after cancellation");
            Assert.That(failure, Is.Null);
            Assert.That(Directory.Exists(target), Is.False, "the mount point is removed");
            Directory.Delete(parent, true);
        }
    }

    private static void Check(string mount)
    {
        var names = Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(names, Is.EqualTo(new[] { "README.txt", "big.bin", "faulty.bin", "nested", "small.bin", "vmem" }));
        Assert.That(Directory.GetFiles(Path.Combine(mount, "nested", "many")), Has.Length.EqualTo(TestTree.ManyCount));
        Assert.That(File.ReadAllText(Path.Combine(mount, "README.txt")), Is.EqualTo(TestTree.ReadmeText));
        Assert.That(File.ReadAllBytes(Path.Combine(mount, "small.bin")), Is.EqualTo(PatternFile.Expected(0, 100_003)));
        Assert.That(new FileInfo(Path.Combine(mount, "vmem")).Length, Is.EqualTo(SparseFile.Size));
        Assert.That(File.Exists(Path.Combine(mount, "readme.txt")), Is.False, "case-sensitive names");

        using (var faulty = File.OpenHandle(Path.Combine(mount, "faulty.bin")))
        {
            var page = new byte[4096];
            Assert.Throws<IOException>(() => RandomAccess.Read(faulty, page, FaultyFile.BadOffset));
            Assert.That(RandomAccess.Read(faulty, page, 0), Is.EqualTo(page.Length));
        }
        Assert.That(() => File.WriteAllText(Path.Combine(mount, "new.txt"), "x"), Throws.InstanceOf<UnauthorizedAccessException>().Or.InstanceOf<IOException>());
        Assert.That(() => File.AppendAllText(Path.Combine(mount, "README.txt"), "x"), Throws.InstanceOf<UnauthorizedAccessException>().Or.InstanceOf<IOException>());
        Assert.That(new DriveInfo(Path.GetPathRoot(mount)!).IsReady, Is.True);
    }
}
