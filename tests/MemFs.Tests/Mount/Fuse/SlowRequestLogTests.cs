using MemFs.Mount;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>A request slower than the threshold is logged once with its operation, path and time; fast ones are not.</summary>
[NonParallelizable]
public class SlowRequestLogTests
{
    private sealed class SlowFile(string name, TimeSpan delay) : VfsFile(name)
    {
        public override long Length => 4096;

        public override int Read(long offset, Span<byte> destination)
        {
            Thread.Sleep(delay);
            var n = (int)Math.Min(destination.Length, Math.Max(0, Length - offset));
            destination[..n].Fill((byte)'s');
            return n;
        }
    }

    private sealed class Tree : IVirtualFileSystem
    {
        public VfsDirectory Root { get; } = new("", new SlowFile("slow.bin", TimeSpan.FromMilliseconds(400)), new SlowFile("fast.bin", TimeSpan.Zero));
    }

    [Test]
    public void ASlowReadIsLoggedOnceWithItsPathAndTime()
    {
        FuseRequirement.Require();
        var log = new StringWriter();
        var stderr = RequestErrorLog.Output;
        var threshold = SlowRequestLog.Threshold;
        RequestErrorLog.Output = TextWriter.Synchronized(log);
        SlowRequestLog.Threshold = TimeSpan.FromMilliseconds(200);
        try
        {
            using var mount = TestMount.Start(new Tree());
            Assert.That(File.ReadAllBytes(mount["fast.bin"]), Has.Length.EqualTo(4096));
            Assert.That(File.ReadAllBytes(mount["slow.bin"]), Has.Length.EqualTo(4096));
            using (var again = File.OpenHandle(mount["slow.bin"], options: (FileOptions)0x4000)) // O_DIRECT: past the kernel's cache
                RandomAccess.Read(again, new byte[4096], 0);

            var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Count(l => l.StartsWith("memfs: fuse: slow: read /slow.bin took ", StringComparison.Ordinal) && l.EndsWith(" s", StringComparison.Ordinal)),
                Is.EqualTo(1), log.ToString());
            Assert.That(lines.Where(l => l.Contains("fast.bin")), Is.Empty, log.ToString());
        }
        finally
        {
            RequestErrorLog.Output = stderr;
            SlowRequestLog.Threshold = threshold;
        }
    }
}
