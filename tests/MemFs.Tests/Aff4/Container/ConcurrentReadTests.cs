using MemFs.Aff4.Container;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

public class ConcurrentReadTests
{
    [Test]
    public void EightThreadsReadCorrectBytes()
    {
        var contents = Enumerable.Range(0, 6).Select(i => WrittenVolumeTests.Pattern(100_000 + i * 7919, seed: 10 + i)).ToArray();
        var writer = new TestZipWriter(new TestZipOptions { Zip64 = Zip64Mode.AllSaturated, DataDescriptors = true });
        for (var i = 0; i < contents.Length; i++)
        {
            // Half deflated, so that threads race on the first inflation.
            if (i % 2 == 0) writer.AddStored($"m{i}", contents[i]);
            else writer.AddDeflated($"m{i}", contents[i]);
        }
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);

        const int threads = 8;
        var start = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var reads = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            var buffer = new byte[9000];
            start.SignalAndWait();
            for (var r = 0; r < 400; r++)
            {
                var i = random.Next(contents.Length);
                var member = zip.Members[i];
                var offset = random.Next(contents[i].Length);
                var length = random.Next(1, buffer.Length);
                var n = zip.ReadMember(member, offset, buffer.AsSpan(0, length));
                var expected = Math.Min(length, contents[i].Length - offset);
                if (n != expected || !buffer.AsSpan(0, n).SequenceEqual(contents[i].AsSpan(offset, n)))
                    failures.Add($"thread {t}: m{i} at {offset}+{length} gave {n} bytes");
                Interlocked.Increment(ref reads);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.That(failures, Is.Empty);
        Assert.That(reads, Is.EqualTo(threads * 400));
    }
}
