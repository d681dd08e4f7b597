using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.Sources;

/// <summary>An evidence file that shrinks, is deleted or is replaced while open: reads fail with the file, offset and reason, or keep working.</summary>
public class FileByteSourceTests
{
    private const int Bytes = 64 * 1024;
    private string _directory = "";
    private string _path = "";
    private byte[] _content = [];

    [SetUp]
    public void WriteFile()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-source-").FullName;
        _path = Path.Combine(_directory, "memory.raw");
        _content = new byte[Bytes];
        new Random(3).NextBytes(_content);
        File.WriteAllBytes(_path, _content);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_directory, true);

    [Test]
    public void APageJustReadNeedsNoFetchingFromDisk()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the page-cache probe is Linux's preadv2(RWF_NOWAIT)");
        using var file = new FileByteSource(_path);
        IByteSource source = file;
        Assert.That(source.Read(0, new byte[Bytes]), Is.EqualTo(Bytes));
        var mustFetch = source.MustFetch(0x2000);
        if (mustFetch is null) Assert.Ignore("this file system does not support RWF_NOWAIT reads");
        Assert.That(mustFetch, Is.False, "the page was just read: it is in the OS page cache");
    }

    [Test]
    public void ReadsWhatTheFileHoldsAndStopsAtItsEnd()
    {
        using var source = new FileByteSource(_path);
        var buffer = new byte[8192];
        Assert.That(source.Length, Is.EqualTo(Bytes));
        Assert.That(source.Read(0x1000, buffer), Is.EqualTo(8192));
        Assert.That(buffer, Is.EqualTo(_content[0x1000..0x3000]));
        Assert.That(source.Read(Bytes - 100, buffer), Is.EqualTo(100));
        Assert.That(source.Read(Bytes, buffer), Is.Zero);
    }

    [Test]
    public void AFileThatShrankFailsPastItsNewEndNamingFileAndOffset()
    {
        using var source = new FileByteSource(_path);
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(Bytes / 2);
        var buffer = new byte[0x2000];
        Assert.That(source.Read(0, buffer), Is.EqualTo(0x2000), "before the new end");
        Assert.That(buffer, Is.EqualTo(_content[..0x2000]));
        var e = Assert.Throws<ImageFormatException>(() => source.Read(Bytes / 2 - 0x1000, buffer))!;
        Assert.That(e.FilePath, Is.EqualTo(_path));
        Assert.That(e.Offset, Is.EqualTo(Bytes / 2), "where the bytes ran out");
        Assert.That(e.Message, Does.Contain("shrank or was truncated while open"));
        Assert.That(e, Is.InstanceOf<IOException>(), "hosts answer EIO");
    }

    [Test]
    public void ReadExactlyReportsTheShrunkFile()
    {
        using var source = new FileByteSource(_path);
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(0);
        var e = Assert.Throws<ImageFormatException>(() => source.ReadExactly(0x3000, new byte[0x1000], "physical 0x3000"))!;
        Assert.That(e.Message, Does.StartWith($"{_path}, offset 0x3000: "));
    }

    [Test]
    public void ADeletedFileStaysReadableWhileOpen()
    {
        using var source = new FileByteSource(_path);
        File.Delete(_path);
        var buffer = new byte[Bytes];
        Assert.That(source.Read(0, buffer), Is.EqualTo(Bytes));
        Assert.That(buffer, Is.EqualTo(_content));
    }

    [Test]
    public void AFileReplacedUnderItsNameIsStillTheOneOpened()
    {
        using var source = new FileByteSource(_path);
        File.Delete(_path);
        File.WriteAllBytes(_path, new byte[16]);
        var buffer = new byte[0x100];
        Assert.That(source.Read(0x8000, buffer), Is.EqualTo(0x100));
        Assert.That(buffer, Is.EqualTo(_content[0x8000..0x8100]));
    }

    [Test]
    public void ConcurrentReadsDuringTruncationGiveTheFileOrAnError()
    {
        using var source = new FileByteSource(_path);
        var wrong = 0;
        var readers = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            var buffer = new byte[4096];
            for (var i = 0; i < 2000; i++)
            {
                var page = random.Next(Bytes / 4096);
                try
                {
                    if (source.Read(page * 4096L, buffer) != 4096 || !buffer.AsSpan().SequenceEqual(_content.AsSpan(page * 4096, 4096)))
                        Interlocked.Increment(ref wrong);
                }
                catch (ImageFormatException)
                {
                }
            }
        })).ToArray();
        using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) file.SetLength(Bytes / 2);
        Task.WaitAll(readers);
        Assert.That(wrong, Is.Zero);
    }
}
