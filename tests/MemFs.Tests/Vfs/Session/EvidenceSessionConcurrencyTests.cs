using System.Security.Cryptography;
using MemFs.Tests.Demo;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Session;

/// <summary>
/// A fresh session on the demo AFF4 image (processes, VADs, modules, recovered executables, pictures) walked and read
/// by sixteen threads at once from its very first use: every file must read, and read the same bytes as one thread
/// reading another fresh session.
/// </summary>
public class EvidenceSessionConcurrencyTests
{
    private const int Threads = 16;
    private string _directory = "";
    private string _image = "";

    [OneTimeSetUp]
    public void WriteImage()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-session-").FullName;
        _image = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_image, DemoImageBuilder.Build(new DemoSystem()));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    private EvidenceOptions Options => new(_image) { CacheBytes = 16L << 20 };

    [Test]
    public void SixteenThreadsWalkingAndReadingAFreshSessionGetTheSingleThreadedBytes()
    {
        Dictionary<string, string> expected;
        using (var single = EvidenceSession.Open(Options)) expected = Digests(single.Tree.Root);
        Assert.That(expected.Keys, Has.Some.EndsWith("/executable.exe").And.Some.EndsWith("/vmem.png").And.Some.EndsWith("/vadmap.txt")
            .And.Some.EndsWith("/physical.raw").And.Some.Contains("/regions/"), "the image exercises every producer");

        using var session = EvidenceSession.Open(Options);
        var results = new Dictionary<string, string>[Threads];
        var failures = new List<Exception>();
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[i] = Digests(session.Tree.Root);
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(failures, Is.Empty);
        foreach (var result in results) Assert.That(result, Is.EquivalentTo(expected));
    }

    [Test]
    public void ConcurrentFirstUseOfTheProcessListReadsItOnceAndLogsEachWarningOnce()
    {
        using var session = EvidenceSession.Open(Options);
        using var start = new Barrier(Threads);
        var lists = new IReadOnlyList<MemFs.Translate.Windows.Objects.ProcessInfo>[Threads];
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            lists[i] = session.RequireSystem().Processes;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(lists, Is.All.SameAs(lists[0]));
        var lines = session.Diagnostics.Lines();
        Assert.That(lines, Is.Unique);
    }

    /// <summary>Path → SHA-256 of the data ranges (SEEK_DATA/SEEK_HOLE, as cp --sparse reads) of every file under <paramref name="directory"/>.</summary>
    private static Dictionary<string, string> Digests(VfsDirectory directory)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(VfsDirectory folder, string path)
        {
            foreach (var child in folder.Children)
            {
                var childPath = path + "/" + child.Name;
                if (child is VfsDirectory sub) Walk(sub, childPath);
                else if (child is VfsFile file) digests[childPath] = Digest(file, childPath);
            }
        }
        Walk(directory, "");
        return digests;
    }

    private static string Digest(VfsFile file, string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        var offset = file.SeekData(0);
        while (offset is { } start && start < file.Length)
        {
            var end = file.SeekHole(start) ?? file.Length;
            hash.AppendData(BitConverter.GetBytes(start));
            for (var position = start; position < end;)
            {
                var count = (int)Math.Min(buffer.Length, end - position);
                var read = file.Read(position, buffer.AsSpan(0, count));
                if (read != count) throw new IOException($"{path}: short read at 0x{position:X} ({read} of {count})");
                hash.AppendData(buffer, 0, read);
                position += read;
            }
            offset = file.SeekData(end);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
