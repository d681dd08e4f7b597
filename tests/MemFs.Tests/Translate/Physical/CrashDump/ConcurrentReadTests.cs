using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Reads of a full dump from several threads at once, through a real file.</summary>
public class ConcurrentReadTests
{
    [Test]
    public void EightThreadsReadCorrectBytes()
    {
        (ulong, ulong)[] runs = [(0x1, 40), (0x30, 25), (0x100, 64), (0x200, 7)];
        var path = Path.Combine(Path.GetTempPath(), $"memfs-crashdump-{Guid.NewGuid():N}.dmp");
        File.WriteAllBytes(path, TestCrashDumpBuilder.Dump64(1).Full(runs));
        try
        {
            using var image = MemFs.Translate.Physical.CrashDump.CrashDumpImage.Open(new MemFs.Translate.Physical.Sources.FileByteSource(path));
            var backed = image.Memory.Runs;
            var failures = 0;
            using var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(thread => new Thread(() =>
            {
                start.SignalAndWait();
                var random = new Random(thread);
                for (var i = 0; i < 400; i++)
                {
                    var run = backed[random.Next(backed.Count)];
                    var at = run.Start + random.NextInt64(run.Length);
                    var length = (int)Math.Min(run.End - at, random.Next(1, 3 * 0x1000));
                    var buffer = new byte[length];
                    image.Memory.Read(at, buffer);
                    for (var b = 0; b < length; b++)
                        if (buffer[b] != TestCrashDumpBuilder.ExpectedByte(at + b)) Interlocked.Increment(ref failures);
                }
            })).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            Assert.That(failures, Is.Zero);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
