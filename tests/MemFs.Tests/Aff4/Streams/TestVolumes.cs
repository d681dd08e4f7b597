using MemFs.Aff4;
using MemFs.Aff4.Caching;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Streams;

/// <summary>Temporary folder for test-built volumes, removed after each test.</summary>
public abstract class TestVolumes
{
    protected const string Volume = "aff4://0f0f0f0f-0000-4000-8000-00000000a001";
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("memfs-aff4-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    protected string Write(Writers.TestAff4VolumeBuilder builder, string name = "test.aff4") => builder.WriteTo(_directory, name);

    protected static Aff4Image Open(params string[] paths) => Aff4Image.Open(paths, new ChunkCache(64L << 20));

    /// <summary>Deterministic data that compresses partly: text-like runs mixed with noise.</summary>
    protected static byte[] SampleData(int length, int seed = 1)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length;)
        {
            var run = Math.Min(random.Next(16, 600), length - i);
            if (random.Next(3) == 0) random.NextBytes(data.AsSpan(i, run));
            else for (var j = 0; j < run; j++) data[i + j] = (byte)("MemFs reads AFF4 "[(i + j) % 17]);
            i += run;
        }
        return data;
    }

    protected static byte[] ReadAll(MemFs.Aff4.Streams.IAff4Stream stream, long start, int length, int readSize)
    {
        var result = new byte[length];
        for (var done = 0; done < length;)
        {
            var n = Math.Min(readSize, length - done);
            var got = stream.Read(start + done, result.AsSpan(done, n));
            Assert.That(got, Is.EqualTo(n), $"short read at {start + done}");
            done += got;
        }
        return result;
    }
}
