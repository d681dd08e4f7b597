using MemFs.Mount;
using MemFs.Mount.Fuse;
using MemFs.Translate.Physical;
using MemFs.Vfs.Producers;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// physical.raw of a raw image served with <see cref="FuseHost.SpliceReads"/>: its reads are answered with the image's
/// descriptor and position (read_buf), and give the same bytes as the image; once the image shrinks, a read past its
/// new end fails with EIO (the range is no longer handed out, so the usual read reports the truncation), never gives
/// zeros or a short file.
/// </summary>
[NonParallelizable]
public class SplicedReadTests
{
    private const int ImageBytes = 8 << 20;
    private string _directory = "";
    private string _raw = "";
    private byte[] _bytes = [];

    [SetUp]
    public void WriteImage()
    {
        FuseRequirement.Require();
        _directory = Directory.CreateTempSubdirectory("memfs-splice-").FullName;
        _raw = Path.Combine(_directory, "memory.raw");
        _bytes = new byte[ImageBytes];
        new Random(15).NextBytes(_bytes);
        File.WriteAllBytes(_raw, _bytes);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_directory, true);

    [Test]
    public void PhysicalRawReadsTheImageBytesAtEveryOffset()
    {
        using var image = PhysicalImageOpener.Open(_raw);
        using var mount = TestMount.Start(new SingleFileTree(new PhysicalMemoryFile(image.Memory)), host: new FuseHost { SpliceReads = true });
        Assert.That(File.ReadAllBytes(mount["physical.raw"]).AsSpan().SequenceEqual(_bytes), "the whole file");
        using var file = File.OpenHandle(mount["physical.raw"]);
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            DropKernelCache(file);
            var buffer = new byte[random.Next(1, 300_000)];
            var offset = random.NextInt64(0, ImageBytes - buffer.Length);
            Assert.That(RandomAccess.Read(file, buffer, offset), Is.EqualTo(buffer.Length));
            Assert.That(buffer.AsSpan().SequenceEqual(_bytes.AsSpan((int)offset, buffer.Length)), $"{buffer.Length} bytes at {offset}");
        }
    }

    [Test]
    public void AfterTheImageShrinksAReadPastItsEndFailsWithEio()
    {
        using var image = PhysicalImageOpener.Open(_raw);
        using var mount = TestMount.Start(new SingleFileTree(new PhysicalMemoryFile(image.Memory)), host: new FuseHost { SpliceReads = true });
        using (var raw = new FileStream(_raw, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) raw.SetLength(ImageBytes / 2);

        using var file = File.OpenHandle(mount["physical.raw"]);
        var page = new byte[4096];
        Assert.That(RandomAccess.Read(file, page, ImageBytes / 4), Is.EqualTo(4096));
        Assert.That(page.AsSpan().SequenceEqual(_bytes.AsSpan(ImageBytes / 4, 4096)), "a page the image still holds");
        Assert.Throws<IOException>(() => RandomAccess.Read(file, page, ImageBytes * 3L / 4), "a page past the new end");
        Assert.That(new FileInfo(mount["physical.raw"]).Length, Is.EqualTo(ImageBytes), "the file keeps its size");
    }

    /// <summary>Drops the kernel's cached pages of the mounted file, so the next read reaches the mount.</summary>
    private static void DropKernelCache(Microsoft.Win32.SafeHandles.SafeFileHandle file) =>
        Assert.That(PosixFadvise((int)file.DangerousGetHandle(), 0, 0, 4), Is.Zero);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
}
