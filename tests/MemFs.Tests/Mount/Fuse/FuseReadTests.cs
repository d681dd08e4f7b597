using System.Diagnostics;
using System.Text;
using MemFs.Mount;
using MemFs.Mount.Fuse;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

public class FuseReadTests
{
    [Test]
    public void FilesReadByteExact()
    {
        using var mount = TestMount.Start();
        Assert.That(File.ReadAllText(mount["README.txt"]), Is.EqualTo(TestTree.ReadmeText));
        Assert.That(File.ReadAllText(mount["nested/hello.txt"]), Is.EqualTo("hello\n"));
        Assert.That(File.ReadAllBytes(mount["small.bin"]), Is.EqualTo(PatternFile.Expected(0, 100_003)));
    }

    [Test]
    public void RandomOffsetsReadTheRightBytes()
    {
        using var mount = TestMount.Start();
        var random = new Random(7);
        using var stream = new FileStream(mount["big.bin"], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        for (var i = 0; i < 200; i++)
        {
            var count = random.Next(1, 300_000);
            var offset = random.NextInt64(0, TestTree.BigSize - count + 1000); // some reads cross the end
            var expected = PatternFile.Expected(offset, (int)Math.Max(0, Math.Min(count, TestTree.BigSize - offset)));
            stream.Position = offset;
            var buffer = new byte[count];
            var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
            Assert.That(buffer.AsSpan(0, read).SequenceEqual(expected), $"{count} bytes at {offset}");
        }
    }

    [Test]
    public void AnUnreadablePageFailsWithEioAndOnlyThatPage()
    {
        var log = new StringWriter();
        var stderr = RequestErrorLog.Output;
        RequestErrorLog.Output = TextWriter.Synchronized(log);
        try
        {
            using var mount = TestMount.Start();
            using var file = File.OpenHandle(mount["faulty.bin"]);
            var page = new byte[4096];
            var error = Assert.Throws<IOException>(() => RandomAccess.Read(file, page, FaultyFile.BadOffset));
            Assert.That(error!.Message, Does.Contain("Input/output error"));
            foreach (var offset in new[] { 0L, FaultyFile.BadOffset - 4096, FaultyFile.BadOffset + 4096, FaultyFile.Size - 4096, 1L << 20 })
            {
                Assert.That(RandomAccess.Read(file, page, offset), Is.EqualTo(page.Length), $"at {offset}");
                Assert.That(page, Is.EqualTo(PatternFile.Expected(offset, page.Length)), $"at {offset}");
            }
            Assert.Throws<IOException>(() => File.ReadAllBytes(mount["faulty.bin"]));
            for (var i = 0; i < 20; i++) Assert.Throws<IOException>(() => RandomAccess.Read(file, page, FaultyFile.BadOffset));
            var line = $"memfs: fuse: read /faulty.bin @{FaultyFile.BadOffset}: page 0x300000 is not in the image";
            Assert.That(log.ToString().Split('\n').Count(l => l == line), Is.EqualTo(1), log.ToString());
        }
        finally
        {
            RequestErrorLog.Output = stderr;
        }
    }

    [Test]
    public void WritesAreRefusedAsReadOnly()
    {
        using var mount = TestMount.Start();
        Assert.That(() => File.WriteAllText(mount["new.txt"], "x"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(() => File.OpenHandle(mount["README.txt"], FileMode.Open, FileAccess.ReadWrite), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(() => Directory.CreateDirectory(mount["newdir"]), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        Assert.That(() => File.Delete(mount["README.txt"]), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
        var touch = Shell.Run("touch", mount["README.txt"]);
        Assert.That(touch.ExitCode, Is.Not.Zero);
        Assert.That(touch.Stderr, Does.Contain("Read-only file system"));
        Assert.That(File.ReadAllText(mount["README.txt"]), Is.EqualTo(TestTree.ReadmeText));
    }

    [Test]
    public void SixteenThreadsReadRandomRangesCorrectly()
    {
        using var mount = TestMount.Start();
        var files = new (string Name, long Length, Func<long, int, byte[]> Expected)[]
        {
            ("big.bin", TestTree.BigSize, PatternFile.Expected),
            ("small.bin", 100_003, PatternFile.Expected),
            ("vmem", SparseFile.Size, SparseFile.Expected),
        };
        var stopAt = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        long bytes = 0, reads = 0;
        var failures = new List<string>();
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            var handles = files.Select(f => File.OpenHandle(mount[f.Name])).ToArray();
            try
            {
                while (DateTime.UtcNow < stopAt)
                {
                    var which = random.Next(files.Length);
                    var (name, length, expected) = files[which];
                    var count = random.Next(1, 200_000);
                    var offset = name == "vmem" && random.Next(2) == 0
                        ? SparseFile.RangeStarts[random.Next(2)] + random.Next(-100_000, SparseFile.RangeLength)
                        : random.NextInt64(0, Math.Max(1, length - count));
                    count = (int)Math.Min(count, length - offset);
                    var buffer = new byte[count];
                    var read = RandomAccess.Read(handles[which], buffer, offset);
                    Interlocked.Add(ref bytes, read);
                    Interlocked.Increment(ref reads);
                    if (read != count || !buffer.AsSpan().SequenceEqual(expected(offset, count)))
                        lock (failures) failures.Add($"{name} {count} bytes at {offset}: read {read}");
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e.ToString());
            }
            finally
            {
                foreach (var handle in handles) handle.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.That(t.Join(TimeSpan.FromSeconds(60)), "a reader hung"));
        Assert.That(failures, Is.Empty);
        TestContext.Out.WriteLine($"16 threads: {reads} reads, {bytes / (1 << 20)} MiB");
        Assert.That(reads, Is.GreaterThan(100));
    }

    [Test]
    public void SequentialThroughputThroughTheMount()
    {
        var big = new CountingFile(new PatternFile("big.bin", TestTree.BigSize));
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < big.Length; offset += buffer.Length) big.Read(offset, buffer); // warm-up (JIT tiers)
        var clock = Stopwatch.StartNew();
        for (long offset = 0; offset < big.Length; offset += buffer.Length) big.Read(offset, buffer);
        var inProcess = clock.Elapsed;
        big.RequestSizes.Clear();

        using var mount = TestMount.Start(new SingleFileTree(big));
        clock.Restart();
        using (var file = File.OpenHandle(mount["big.bin"]))
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, buffer, offset)) > 0)
            {
                Assert.That(buffer.AsSpan(0, 4096).SequenceEqual(PatternFile.Expected(offset, 4096)), $"at {offset}");
                offset += read;
            }
            Assert.That(offset, Is.EqualTo(big.Length));
        }
        var throughMount = clock.Elapsed;
        clock.Restart();
        var requests = big.RequestSizes.ToDictionary();
        using (var file = File.OpenHandle(mount["big.bin"]))
            for (long offset = 0; offset < big.Length; offset += buffer.Length) RandomAccess.Read(file, buffer, offset);
        var cached = clock.Elapsed;

        var sizes = string.Join(", ", requests.OrderBy(p => p.Key).Select(p => $"{p.Key / 1024} KiB × {p.Value}"));
        TestContext.Out.WriteLine($"256 MiB: in-process {Rate(inProcess)}, through the mount {Rate(throughMount)}, again (page cache) {Rate(cached)}");
        TestContext.Out.WriteLine($"FUSE read requests: {sizes}");
        // The second pass comes from the kernel's page cache; a page it reclaimed under memory pressure in between may
        // be asked for again, but nothing like the first pass's traffic.
        var secondPass = big.RequestSizes.Values.Sum() - requests.Values.Sum();
        Assert.That(secondPass, Is.LessThan(requests.Values.Sum() / 10), "requests during the second read");
    }

    private static string Rate(TimeSpan elapsed) => $"{TestTree.BigSize / elapsed.TotalSeconds / 1e6:F0} MB/s ({elapsed.TotalSeconds:F2} s)";
}
