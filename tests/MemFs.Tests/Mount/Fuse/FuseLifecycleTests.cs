using MemFs.Mount;
using MemFs.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

public class FuseLifecycleTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Test]
    public void CancellingUnmountsCleanly()
    {
        using var mount = TestMount.Start();
        Assert.That(File.ReadAllText(mount["README.txt"]), Is.EqualTo(TestTree.ReadmeText));
        Assert.That(mount.Stop(), "Run returned after cancellation");
        Assert.That(MountTable.Find(mount.Path), Is.Null);
        Assert.That(Directory.EnumerateFileSystemEntries(mount.Path), Is.Empty, "the bare mount point is back");
    }

    [Test]
    public void AFileStillOpenIsServedUntilClosedAfterTheMountIsDetached()
    {
        using var mount = TestMount.Start();
        var file = File.OpenHandle(mount["small.bin"]);
        var stopping = Task.Run(mount.Stop);
        Assert.That(MountTable.WaitUntil(() => MountTable.Find(mount.Path) is null, Soon), "detached at once");
        var bytes = new byte[4096];
        Assert.That(RandomAccess.Read(file, bytes, 8192), Is.EqualTo(bytes.Length));
        Assert.That(bytes, Is.EqualTo(PatternFile.Expected(8192, bytes.Length)));
        Assert.That(stopping.IsCompleted, Is.False, "the loop serves the open file");
        file.Dispose();
        Assert.That(stopping.Wait(TimeSpan.FromSeconds(30)) && stopping.Result, "Run returned once the file was closed");
    }

    [Test]
    public void AFileHeldOpenPastTheStopTimeoutDoesNotKeepRunWaitingNorHangItsReader()
    {
        using var mount = TestMount.Start(host: new FuseHost { StopTimeout = TimeSpan.FromSeconds(1) });
        using var file = File.OpenHandle(mount["big.bin"]);
        Assert.That(RandomAccess.Read(file, new byte[4096], 0), Is.EqualTo(4096));
        Assert.That(mount.Stop(), "Run returned although the file is still open");
        var failures = 0;
        for (var i = 1; i <= 4; i++)
        {
            var read = Task.Run(() => RandomAccess.Read(file, new byte[4096], i * (32L << 20)));
            Assert.That(Task.WaitAny([read], Soon), Is.Zero, $"read {i} hung");
            if (read.IsFaulted) failures++;
        }
        Assert.That(failures, Is.GreaterThan(0), "once released, the connection refuses further reads");
    }

    [Test]
    public void UnusableMountPointsAreRefusedClearly()
    {
        FuseRequirement.Require();
        var host = new FuseHost();
        var root = Directory.CreateTempSubdirectory("memfs-fuse-bad-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "file"), "x");
            Directory.CreateDirectory(Path.Combine(root, "full"));
            File.WriteAllText(Path.Combine(root, "full", "x"), "x");
            Assert.That(Refusal(host, Path.Combine(root, "missing")), Does.Contain("does not exist"));
            Assert.That(Refusal(host, Path.Combine(root, "file")), Does.Contain("is not a directory"));
            Assert.That(Refusal(host, Path.Combine(root, "full")), Does.Contain("is not empty"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void SigtermStopsAMountingProcessAndUnmounts()
    {
        using var child = ChildMount.Start();
        Assert.That(File.ReadAllText(Path.Combine(child.Path, "README.txt")), Is.EqualTo(TestTree.ReadmeText));
        child.Signal("TERM");
        Assert.That(child.Process.WaitForExit(Soon), "the process exits after SIGTERM");
        Assert.That(child.Process.ExitCode, Is.Zero, child.Output);
        Assert.That(child.Output, Does.Contain("unmounted"));
        Assert.That(MountTable.Find(child.Path), Is.Null);
    }

    [Test]
    public void KillNineLeavesNoStaleMount()
    {
        using var child = ChildMount.Start();
        Assert.That(File.ReadAllText(Path.Combine(child.Path, "nested/hello.txt")), Is.EqualTo("hello\n"));
        child.Process.Kill();
        Assert.That(child.Process.WaitForExit(Soon));
        Assert.That(MountTable.WaitUntil(() => MountTable.Find(child.Path) is null, Soon), "auto_unmount removed the mount");
        Assert.That(Directory.EnumerateFileSystemEntries(child.Path), Is.Empty, "the mount point is usable again, not ENOTCONN");
    }

    private static string Refusal(FuseHost host, string mountPoint) =>
        Assert.Throws<FuseMountException>(() => host.Run(new TestTree(), mountPoint, new MountOptions(), CancellationToken.None))!.Message;
}
