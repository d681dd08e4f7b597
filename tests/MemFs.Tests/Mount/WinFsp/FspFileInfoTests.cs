using MemFs.Mount.WinFsp;
using MemFs.Tests.Mount.Fuse;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>What Explorer and dir show for a node: sizes, "size on disk", attributes, times, file ids.</summary>
public class FspFileInfoTests
{
    private static readonly DateTime Time = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    [Test]
    public void FileTimeCountsHundredsOfNanosecondsSince1601()
    {
        Assert.That(FileTime.From(DateTime.UnixEpoch), Is.EqualTo(116_444_736_000_000_000UL));
        Assert.That(FileTime.From(Time), Is.EqualTo((ulong)Time.ToFileTimeUtc()));
        Assert.That(FileTime.From(new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Is.Zero);
        Assert.That(FileTime.From(DateTime.MinValue), Is.Zero, "before 1601 there is no FILETIME");
        Assert.That(FileTime.From(Time.ToLocalTime()), Is.EqualTo(FileTime.From(Time)), "local times are converted");
    }

    [Test]
    public void SparseFileHasItsLengthAndItsBackedBytesOnDisk()
    {
        var info = FspFileInfo.For(new SparseFile("vmem") { Time = Time }, 42);
        Assert.That(info.FileSize, Is.EqualTo((ulong)SparseFile.Size));
        Assert.That(info.AllocationSize, Is.EqualTo((ulong)(2 * SparseFile.RangeLength)));
        Assert.That(info.FileAttributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_READONLY));
        Assert.That(info.IndexNumber, Is.EqualTo(42UL));
        Assert.That(new[] { info.CreationTime, info.LastAccessTime, info.LastWriteTime, info.ChangeTime },
            Is.All.EqualTo(FileTime.From(Time)));
        Assert.That(info.HardLinks, Is.Zero, "winfsp.h: unimplemented, set to 0");
    }

    [Test]
    public void AllocationRoundsUpToTheAllocationUnit()
    {
        Assert.That(FspFileInfo.For(BytesFile.Text("a", () => "x"), 0).AllocationSize, Is.EqualTo(4096UL));
        Assert.That(FspFileInfo.For(BytesFile.Text("a", () => new string('x', 4096)), 0).AllocationSize, Is.EqualTo(4096UL));
        Assert.That(FspFileInfo.For(BytesFile.Text("a", () => new string('x', 4097)), 0).AllocationSize, Is.EqualTo(8192UL));
        Assert.That(FspFileInfo.For(BytesFile.Text("a", () => ""), 0).AllocationSize, Is.Zero);
    }

    [Test]
    public void DirectoryIsADirectoryWithNoSize()
    {
        var info = FspFileInfo.For(new VfsDirectory("d") { Time = Time }, 7);
        Assert.That(info.FileAttributes, Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_DIRECTORY));
        Assert.That(info.FileSize, Is.Zero);
        Assert.That(info.AllocationSize, Is.Zero);
        Assert.That(info.LastWriteTime, Is.EqualTo(FileTime.From(Time)));
    }

    [Test]
    public void AttributesAloneDoNotProduceTheContent()
    {
        var produced = false;
        var file = new BytesFile("report.txt", () => { produced = true; return [1]; });
        Assert.That(FspFileInfo.AttributesOf(file), Is.EqualTo(FspFileInfo.FILE_ATTRIBUTE_READONLY));
        Assert.That(produced, Is.False);
    }

    [Test]
    public void FileIndexIsStableAndDistinctPerPath()
    {
        Assert.That(FileIndex.Of("/processes/4-System/vmem"), Is.EqualTo(FileIndex.Of("/processes/4-System/vmem")));
        var paths = Enumerable.Range(0, 10_000).Select(i => $"/processes/{i}-p.exe/vmem").Append("/").Append("/VMEM").Append("/vmem");
        Assert.That(paths.Select(FileIndex.Of).Distinct().Count(), Is.EqualTo(10_003));
    }
}
