using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Extended;

/// <summary>
/// Scattered reads of the extended space: parts in physical memory, a pagefile and a mapped file read in one call,
/// each part's bytes or failure the same as a <see cref="ExtendedPhysicalSpace.Read"/> of it alone.
/// </summary>
public class ExtendedScatteredReadTests
{
    private const string FilePath = @"\Windows\System32\tail.dll";

    private static ExtendedPhysicalSpace Space() =>
        new(TestMemory.WithHole(), new Dictionary<int, IByteSource> { [0] = new PatternSource("pagefile.sys", 0x10000, 5) },
            new OneFile(FilePath, new PatternSource("tail.dll", 0x1800, 9)));

    [Test]
    public void EveryPartReadsAsItsOwnReadWouldAndFailsTheSame()
    {
        using var space = Space();
        ExtendedRequest[] requests =
        [
            new(ExtendedLocation.Pagefile(0, 0x3000), 0x1000, 0),
            new(ExtendedLocation.Physical(0x1000), 0x1000, 0x1000),
            new(ExtendedLocation.File(FilePath, 0x1000), 0x1000, 0x2000), // the file's last page: 0x800 bytes, then zeros
            new(ExtendedLocation.Physical(TestMemory.Hole), 0x1000, 0x3000),
            new(ExtendedLocation.Pagefile(1, 0), 0x1000, 0x4000),
            new(ExtendedLocation.Pagefile(0, 0xF800), 0x1000, 0x5000),
            new(ExtendedLocation.Physical(0x0), 0x1000, 0x6000),
            new(ExtendedLocation.Pagefile(0, 0x2000), 0x1000, 0x7000),
            new(ExtendedLocation.Physical(0x1800), 0x1000, 0x8000), // runs into the hole at 0x2000
        ];
        var destination = new byte[requests.Length * 0x1000];
        destination.AsSpan().Fill(0xEE);
        var failures = new Exception?[requests.Length];
        space.ReadScattered(requests, destination, failures);

        for (var i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            var alone = new byte[r.Length];
            Exception? expected = null;
            try
            {
                space.Read(r.Location, alone);
            }
            catch (IOException e)
            {
                expected = e;
            }
            Assert.That(failures[i]?.GetType(), Is.EqualTo(expected?.GetType()), $"part {i} ({r.Location})");
            Assert.That(failures[i]?.Message, Is.EqualTo(expected?.Message), $"part {i} ({r.Location})");
            if (expected is null) Assert.That(destination.AsSpan(r.Destination, r.Length).ToArray(), Is.EqualTo(alone), $"part {i} ({r.Location})");
        }
        Assert.That(failures.Count(f => f is not null), Is.EqualTo(4), "the hole, the missing pagefile, the pagefile's end and the run into the hole");
        Assert.That(destination.AsSpan(0x2800, 0x800).ContainsAnyExcept((byte)0), Is.False, "the mapped file's last page is zero past the file's end");
    }

    private sealed class OneFile(string path, IByteSource source) : IMappedFileProvider
    {
        public string Description => "one test file";

        public IByteSource? Open(string windowsPath) => string.Equals(windowsPath, path, StringComparison.OrdinalIgnoreCase) ? source : null;
    }
}
