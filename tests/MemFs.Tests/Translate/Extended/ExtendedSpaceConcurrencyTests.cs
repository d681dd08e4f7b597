using System.Collections.Concurrent;
using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Extended;

public class ExtendedSpaceConcurrencyTests
{
    private const int Threads = 8;

    private static readonly string[] Spellings =
    [
        @"\Windows\System32\ntdll.dll", @"C:\Windows\System32\ntdll.dll", @"\SystemRoot\System32\ntdll.dll", @"\??\C:\WINDOWS\system32\ntdll.dll",
        @"\Device\HarddiskVolume2\WINDOWS\system32\NTDLL.dll", @"C:/Windows/System32/ntdll.dll", @"\\?\C:\Windows\System32\ntdll.dll", @"\Windows\\System32\ntdll.DLL",
    ];

    private static readonly Dictionary<string, (long Length, int Seed)> Files = new()
    {
        [WindowsPathKey.From(Spellings[0])] = (0x2_0000, 7),
        [WindowsPathKey.From(@"\Windows\explorer.exe")] = (0x3_0000, 9),
    };

    [Test]
    public void EightThreadsOpeningTheSameFileFirstGetOnePlacement()
    {
        var files = new CountingFileProvider(Files, delayMilliseconds: 50);
        using var space = new ExtendedPhysicalSpace(TestMemory.WithHole(), new Dictionary<int, IByteSource>(), files);
        var offsets = new ConcurrentBag<long?>();
        RunOnThreads(t => offsets.Add(space.CombinedOffset(ExtendedLocation.File(Spellings[t], 0x100))));

        Assert.That(files.Opens(Spellings[0]), Is.EqualTo(1));
        Assert.That(offsets.Distinct(), Is.EqualTo(new long?[] { ExtendedPhysicalSpace.Alignment + 0x100 }));
        Assert.That(space.Regions.Count(r => r.Kind == BackingKind.File), Is.EqualTo(1));
    }

    [Test]
    public void ConcurrentReadsOfEveryKindReturnTheRightBytes()
    {
        var files = new CountingFileProvider(Files, delayMilliseconds: 5);
        var pagefiles = new Dictionary<int, IByteSource> { [0] = new PatternSource("pagefile.sys", 0x40_0000, 0), [1] = new PatternSource("swapfile.sys", 0x1_0000, 1) };
        using var space = new ExtendedPhysicalSpace(TestMemory.WithHole(), pagefiles, files);
        var failures = new ConcurrentBag<string>();
        RunOnThreads(t =>
        {
            var random = new Random(t);
            for (var i = 0; i < 400; i++)
            {
                var (location, expected) = RandomRead(random);
                var buffer = new byte[expected.Length];
                try
                {
                    space.Read(location, buffer);
                    if (!buffer.AsSpan().SequenceEqual(expected)) failures.Add($"thread {t}: wrong bytes at {location}");
                }
                catch (Exception e)
                {
                    failures.Add($"thread {t}: {location}: {e.Message}");
                }
            }
        });
        Assert.That(failures, Is.Empty);
        Assert.That(space.Regions.Select(r => r.Base), Is.Unique);
        Assert.That(files.Opens(@"\Windows\explorer.exe"), Is.EqualTo(1));
    }

    private static (ExtendedLocation Location, byte[] Expected) RandomRead(Random random)
    {
        var length = random.Next(1, 0x2000);
        switch (random.Next(4))
        {
            case 0:
                var address = random.Next(0, 0x2000 - length);
                return (ExtendedLocation.Physical(address), TestPhysicalPages.Bytes(address, length));
            case 1:
                var offset = random.Next(0, 0x40_0000 - length);
                return (ExtendedLocation.Pagefile(0, offset), PatternSource.Bytes(0, offset, length));
            case 2:
                var inFile = random.Next(0, 0x2_0000 - length);
                return (ExtendedLocation.File(Spellings[random.Next(Spellings.Length)], inFile), PatternSource.Bytes(7, inFile, length));
            default:
                var inExplorer = random.Next(0, 0x3_0000 - length);
                return (ExtendedLocation.File(@"\SystemRoot\explorer.exe", inExplorer), PatternSource.Bytes(9, inExplorer, length));
        }
    }

    private static void RunOnThreads(Action<int> work)
    {
        using var start = new Barrier(Threads);
        var errors = new ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                work(t);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.That(errors, Is.Empty);
    }
}
