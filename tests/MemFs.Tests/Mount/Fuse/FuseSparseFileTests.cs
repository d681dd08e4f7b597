using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

public class FuseSparseFileTests
{
    private static readonly long First = SparseFile.RangeStarts[0], Second = SparseFile.RangeStarts[1];

    [Test]
    public void SeekDataAndSeekHoleReachTheFileThroughTheKernel()
    {
        using var mount = TestMount.Start();
        using var file = File.OpenHandle(mount["vmem"]);
        const int ENXIO = 6;
        Assert.Multiple(() =>
        {
            Assert.That(SeekProbe.Seek(file, 0, SeekProbe.SEEK_DATA), Is.EqualTo(First));
            Assert.That(SeekProbe.Seek(file, First + 5, SeekProbe.SEEK_DATA), Is.EqualTo(First + 5));
            Assert.That(SeekProbe.Seek(file, First + 5, SeekProbe.SEEK_HOLE), Is.EqualTo(First + SparseFile.RangeLength));
            Assert.That(SeekProbe.Seek(file, First + SparseFile.RangeLength, SeekProbe.SEEK_DATA), Is.EqualTo(Second));
            Assert.That(SeekProbe.Seek(file, 0, SeekProbe.SEEK_HOLE), Is.Zero);
            Assert.That(SeekProbe.Seek(file, Second + SparseFile.RangeLength, SeekProbe.SEEK_DATA), Is.EqualTo(-ENXIO));
            Assert.That(SeekProbe.Seek(file, SparseFile.Size, SeekProbe.SEEK_HOLE), Is.EqualTo(-ENXIO));
        });
    }

    [Test]
    public void GrepSkipsTheHolesAndCountsEveryNeedle()
    {
        using var mount = TestMount.Start();
        var grep = Shell.Run(TimeSpan.FromSeconds(120), "grep", "-c", "NEEDLE", mount["vmem"]);
        Assert.That(grep.Stdout.Trim(), Is.EqualTo(SparseFile.NeedleLines.ToString()), grep.Stderr);
        TestContext.Out.WriteLine($"grep -c over the 1 GiB sparse file: {grep.Elapsed.TotalSeconds:F2} s");
        Assert.That(grep.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "grep read the holes instead of seeking over them");
    }

    [Test]
    public void CpMakesASparseCopyWithTheSameContent()
    {
        using var mount = TestMount.Start();
        var target = Directory.CreateTempSubdirectory("memfs-fuse-cp-").FullName;
        try
        {
            var copy = Path.Combine(target, "vmem");
            var cp = Shell.Run(TimeSpan.FromSeconds(120), "cp", "--sparse=always", mount["vmem"], copy);
            Assert.That(cp.ExitCode, Is.Zero, cp.Stderr);
            TestContext.Out.WriteLine($"cp --sparse=always of the 1 GiB sparse file: {cp.Elapsed.TotalSeconds:F2} s");
            Assert.That(new FileInfo(copy).Length, Is.EqualTo(SparseFile.Size));
            var usedKiB = long.Parse(Shell.Run("du", "-k", copy).Stdout.Split('\t')[0]);
            Assert.That(usedKiB, Is.LessThan(16 * 1024), "the copy is sparse");
            using var file = File.OpenHandle(copy);
            foreach (var offset in new[] { 0L, First - 10, First + 12345, Second + SparseFile.RangeLength - 100, SparseFile.Size - 4096 })
            {
                var bytes = new byte[4096];
                RandomAccess.Read(file, bytes, offset);
                Assert.That(bytes, Is.EqualTo(SparseFile.Expected(offset, bytes.Length)), $"at {offset}");
            }
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }
}
