using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Translate.Physical.CrashDump;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>The root and image/ of a raw image are dated when memory was captured (KUSER_SHARED_DATA.SystemTime), not 1970.</summary>
public class CaptureTimeTests
{
    private static readonly DateTime Captured = new(2023, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private static readonly DateTime FileWritten = new(2019, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Test]
    public void TheKernelClockDatesTheRootAndImageAndInfoSaysWhereItCameFrom()
    {
        using var raw = new SyntheticWindowsRaw(new TestKernelOptions { SystemTime = Captured });
        File.SetLastWriteTimeUtc(raw.Raw, FileWritten);
        using var tree = new SessionTree(new EvidenceOptions(raw.Raw) { CacheBytes = 16L << 20 });
        Assert.That(tree.Root.Time, Is.EqualTo(Captured));
        Assert.That(tree.Node("/image").Time, Is.EqualTo(Captured));
        Assert.That(tree.Node("/image/info.txt").Time, Is.EqualTo(Captured));
        Assert.That(tree.Node("/README.txt").Time, Is.EqualTo(Captured));
        Assert.That(tree.Text("/image/info.txt"), Does.Contain("capture time:          2023-05-06 07:08:09 UTC (KUSER_SHARED_DATA.SystemTime)"));

        var info = MemFsProcess.Run("info", raw.Raw);
        Assert.That(info.ExitCode, Is.Zero, info.Stderr);
        Assert.That(info.Text, Does.Contain("capture time:          2023-05-06 07:08:09 UTC (KUSER_SHARED_DATA.SystemTime)"));
    }

    [Test]
    public void WithoutAKernelClockACrashDumpHeadersTimeIsUsed()
    {
        using var dump = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(1).Full((0x100, 16)));
        var time = CaptureTime.Of(dump, kernel: null);
        Assert.That(time, Is.EqualTo(new CaptureTime(DateTime.FromFileTimeUtc(0x01D707F23DBB3399), CaptureTime.HeaderSource)));
    }

    [Test]
    public void WithoutAKernelOrHeaderTimeTheImageFilesModificationTimeIsUsed()
    {
        var directory = Directory.CreateTempSubdirectory("memfs-capture-").FullName;
        try
        {
            var path = Path.Combine(directory, "memory.raw");
            File.WriteAllBytes(path, new byte[1 << 20]);
            File.SetLastWriteTimeUtc(path, FileWritten);
            using var tree = new SessionTree(new EvidenceOptions(path) { CacheBytes = 16L << 20 });
            Assert.That(tree.Root.Time, Is.EqualTo(FileWritten));
            Assert.That(tree.Node("/image").Time, Is.EqualTo(FileWritten));
            Assert.That(tree.Text("/image/info.txt"), Does.Contain($"capture time:          2019-01-02 03:04:05 UTC ({CaptureTime.FileSource})"));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
