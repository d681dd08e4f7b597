using MemFs.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>The mount's raised readahead (<see cref="ReadAhead"/>) is in force as soon as the host says it is mounted.</summary>
public sealed class ReadAheadTests
{
    private const int GrepBuffer = 96 * 1024;
    private const long FileBytes = 4 << 20;

    /// <summary>
    /// grep reads a file in 96 KiB buffered reads; with the default 128 KiB readahead a 4 MiB file costs 32 FUSE
    /// requests, with 1 MiB 6 (256 + 256 + 512 KiB, then 1 MiB each). Several fresh mounts, because the raise used to be
    /// undone by the kernel whenever it came before INIT's reply.
    /// </summary>
    [Test]
    public void BufferedReadsOfAFreshMountArriveInLargeRequests()
    {
        if (Libc.GetEffectiveUid() != 0) Assert.Ignore("raising a mount's readahead needs root (/sys/class/bdi)");
        for (var round = 0; round < 3; round++)
        {
            var file = new CountingFile(new PatternFile("region.bin", FileBytes));
            using var mounted = new ManualResetEventSlim();
            using var mount = TestMount.Start(new SingleFileTree(file), host: new FuseHost { Mounted = _ => mounted.Set() });
            Assert.That(mounted.Wait(TimeSpan.FromSeconds(20)), "the host did not report the mount");
            var buffer = new byte[GrepBuffer];
            long offset = 0;
            using (var handle = File.OpenHandle(mount["region.bin"]))
            {
                int read;
                while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
                {
                    Assert.That(buffer.AsSpan(0, read).SequenceEqual(PatternFile.Expected(offset, read)), $"at {offset}");
                    offset += read;
                }
            }
            Assert.That(offset, Is.EqualTo(FileBytes));
            var requests = file.RequestSizes.ToDictionary();
            TestContext.Out.WriteLine($"round {round}: " + string.Join(", ", requests.OrderBy(p => p.Key).Select(p => $"{p.Key / 1024} KiB × {p.Value}")));
            Assert.That(requests.Values.Sum(), Is.LessThanOrEqualTo(8), $"round {round}: FUSE read requests for 4 MiB in 96 KiB reads");
            Assert.That(requests.Keys.Max(), Is.EqualTo(FuseHost.MaxRead), $"round {round}: the largest request");
        }
    }
}
