using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

/// <summary>Assertions over <see cref="PhysicalPagePattern"/> contents read back through an <see cref="IPhysicalMemory"/>.</summary>
internal static class TestPhysicalPages
{
    public const int PageSize = PhysicalPagePattern.PageSize;

    public static byte ByteAt(long address) => PhysicalPagePattern.ByteAt(address);

    public static byte[] Bytes(long start, long length) => PhysicalPagePattern.Bytes(start, length);

    public static void AssertRead(IPhysicalMemory memory, long address, int length)
    {
        var buffer = new byte[length];
        memory.Read(address, buffer);
        Assert.That(buffer, Is.EqualTo(Bytes(address, length)), $"bytes at physical 0x{address:X}+0x{length:X}");
    }

    /// <summary>Reads every run whole, each page's first bytes, and each boundary between adjacent runs.</summary>
    public static void AssertRunsReadBack(IPhysicalMemory memory)
    {
        foreach (var run in memory.Runs)
        {
            AssertRead(memory, run.Start, (int)run.Length);
            for (var page = run.Start; page < run.End; page += PageSize)
            {
                var head = new byte[8];
                memory.Read(page, head);
                Assert.That(BitConverter.ToInt64(head), Is.EqualTo(page));
            }
        }
    }

    public static void AssertHole(IPhysicalMemory memory, long address, int length = 16)
    {
        var ex = Assert.Throws<PhysicalHoleException>(() => memory.Read(address, new byte[length]));
        Assert.That(ex!.Address, Is.GreaterThanOrEqualTo(address).And.LessThan(address + length));
    }

    /// <summary>Eight threads read random ranges inside the runs and compare each with the known contents.</summary>
    public static void AssertConcurrentReads(IPhysicalMemory memory, int readsPerThread = 300)
    {
        const int threads = 8;
        var runs = memory.Runs;
        var start = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            start.SignalAndWait();
            for (var r = 0; r < readsPerThread; r++)
            {
                var run = runs[random.Next(runs.Count)];
                var address = run.Start + random.NextInt64(run.Length);
                var length = (int)Math.Min(random.Next(1, 3 * PageSize), run.End - address);
                var buffer = new byte[length];
                try
                {
                    memory.Read(address, buffer);
                    if (!buffer.AsSpan().SequenceEqual(Bytes(address, length))) failures.Add($"thread {t}: wrong bytes at 0x{address:X}+{length}");
                }
                catch (Exception e)
                {
                    failures.Add($"thread {t}: 0x{address:X}+{length}: {e.Message}");
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.That(failures, Is.Empty);
    }
}
