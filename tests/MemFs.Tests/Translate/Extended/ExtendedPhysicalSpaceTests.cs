using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Extended;

public class ExtendedPhysicalSpaceTests
{
    private const long GiB = 1L << 30;
    private const string Ntdll = @"\Windows\System32\ntdll.dll";
    private const string BigFile = @"\Users\a\big.vhdx";
    private const string DataFile = @"\Users\a\notes.dat";

    private static readonly Dictionary<string, (long Length, int Seed)> Files = new()
    {
        [WindowsPathKey.From(Ntdll)] = (0x1_8000, 7),
        [WindowsPathKey.From(BigFile)] = (3 * GiB + 1, 8),
        [WindowsPathKey.From(DataFile)] = (0x5F474, 9),
    };

    private static ExtendedPhysicalSpace Space(CountingFileProvider? files = null, params (int Number, IByteSource Source)[] pagefiles) =>
        new(TestMemory.WithHole(), pagefiles.ToDictionary(p => p.Number, p => p.Source), files ?? new CountingFileProvider(Files));

    private static ExtendedPhysicalSpace StandardSpace(CountingFileProvider? files = null) =>
        Space(files, (2, new PatternSource("pagefile2.sys", GiB + GiB / 2, 2)), (0, new PatternSource("pagefile.sys", 0x3000, 0)));

    [Test]
    public void PhysicalMemoryAndPagefilesArePlacedAtOnceOnAlignedBasesInNumberOrder()
    {
        using var space = StandardSpace();
        Assert.That(space.Regions.Select(r => (r.Kind, r.Name, r.Base, r.Length, r.PagefileNumber)), Is.EqualTo(new[]
        {
            (BackingKind.Physical, "physical memory", 0L, TestMemory.End, -1),
            (BackingKind.Pagefile, "pagefile 0", GiB, 0x3000L, 0),
            (BackingKind.Pagefile, "pagefile 2", 2 * GiB, GiB + GiB / 2, 2),
        }));
        Assert.That(space.Regions[1].Source, Is.EqualTo("pagefile.sys"));
        Assert.That(space.Regions[0].Source, Is.EqualTo("test memory with a hole"));
    }

    [Test]
    public void MappedFilesArePlacedWhenFirstUsedAfterThePagefilesAndStayThere()
    {
        using var space = StandardSpace();
        Assert.That(space.Regions, Has.Count.EqualTo(3), "nothing placed before it is used");

        Assert.That(space.CombinedOffset(ExtendedLocation.File(Ntdll, 0x10)), Is.EqualTo(4 * GiB + 0x10));
        Assert.That(space.CombinedOffset(ExtendedLocation.File(BigFile, 5)), Is.EqualTo(8 * GiB + 5), "a 3 GiB+1 file is aligned to 4 GiB");
        Assert.That(space.CombinedOffset(ExtendedLocation.File(@"C:\WINDOWS\system32\NTDLL.DLL", 0x10)), Is.EqualTo(4 * GiB + 0x10), "stable, whatever the spelling");

        var regions = space.Regions;
        Assert.That(regions.Select(r => (r.Kind, r.Name, r.Base)).Skip(3), Is.EqualTo(new[] { (BackingKind.File, Ntdll, 4 * GiB), (BackingKind.File, BigFile, 8 * GiB) }));
        Assert.That(regions.Select(r => r.Base), Is.Unique.And.Ordered);
        Assert.That(regions.Skip(1).Select(r => r.Base % GiB), Is.All.EqualTo(0));
        for (var i = 1; i < regions.Count; i++)
            Assert.That(regions[i].Base, Is.GreaterThanOrEqualTo(regions[i - 1].End), $"{regions[i]} overlaps {regions[i - 1]}");
    }

    [TestCase(long.MaxValue)]
    [TestCase(long.MaxValue - GiB + 1)]
    public void APagefileTooLargeToPlaceIsLeftOutWithTheReasonAndTheNextOneStillPlaced(long claimed)
    {
        using var space = Space(null, (0, new PatternSource("huge.sys", claimed, 0)), (1, new PatternSource("swapfile.sys", 0x2000, 1)));
        var reason = $"pagefile 0 (huge.sys) claims 0x{claimed:X} bytes, more than the extended space can place";

        Assert.That(space.UnplacedPagefiles, Is.EqualTo(new[] { reason }));
        Assert.That(space.Regions.Select(r => (r.Kind, r.Name, r.Base)).Skip(1), Is.EqualTo(new[] { (BackingKind.Pagefile, "pagefile 1", GiB) }));
        Assert.That(space.IsAvailable(ExtendedLocation.Pagefile(0, 0), out var said), Is.False);
        Assert.That(said, Is.EqualTo(reason));
        Assert.That(() => space.Read(ExtendedLocation.Pagefile(0, 0), new byte[8]),
            Throws.InstanceOf<BackingUnavailableException>().With.Property(nameof(BackingUnavailableException.Reason)).EqualTo(reason));
    }

    [Test]
    public void EmptyPhysicalMemoryAndEmptyFilesStillGetDistinctBases()
    {
        var empty = new RunMappedMemory("empty", new TestArraySource([]), RunTable.Validate([], "empty", 0, "none"));
        using var space = new ExtendedPhysicalSpace(empty, new Dictionary<int, IByteSource> { [0] = new TestArraySource([]), [1] = new TestArraySource([1]) }, NoMappedFiles.Instance);
        Assert.That(space.Regions.Select(r => r.Base), Is.EqualTo(new[] { 0, GiB, 2 * GiB }));
    }

    [Test]
    public void ReadsComeFromEachKindOfSource()
    {
        using var space = StandardSpace();
        var buffer = new byte[0x1800];

        space.Read(ExtendedLocation.Physical(0x800), buffer);
        Assert.That(buffer, Is.EqualTo(TestPhysicalPages.Bytes(0x800, buffer.Length)));

        space.Read(ExtendedLocation.Pagefile(0, 0x1000), buffer);
        Assert.That(buffer, Is.EqualTo(PatternSource.Bytes(0, 0x1000, buffer.Length)));
        space.Read(ExtendedLocation.Pagefile(2, GiB), buffer);
        Assert.That(buffer, Is.EqualTo(PatternSource.Bytes(2, GiB, buffer.Length)));

        space.Read(ExtendedLocation.File(Ntdll, 0x1_8000 - buffer.Length), buffer);
        Assert.That(buffer, Is.EqualTo(PatternSource.Bytes(7, 0x1_8000 - buffer.Length, buffer.Length)));
        space.Read(ExtendedLocation.File(BigFile, 3 * GiB + 1 - buffer.Length), buffer);
        Assert.That(buffer, Is.EqualTo(PatternSource.Bytes(8, 3 * GiB + 1 - buffer.Length, buffer.Length)));

        foreach (var location in new[] { ExtendedLocation.Physical(0x5008), ExtendedLocation.Pagefile(0, 0x2FFF), ExtendedLocation.File(Ntdll, 0), ExtendedLocation.File(BigFile, 3 * GiB) })
        {
            Assert.That(space.IsAvailable(location, out var reason), Is.True, $"{location}: {reason}");
            Assert.That(reason, Is.Null);
        }
    }

    [Test]
    public void CombinedOffsetsLeadBackToTheirLocations()
    {
        using var space = StandardSpace();
        foreach (var location in new[] { ExtendedLocation.Physical(0x5008), ExtendedLocation.Pagefile(0, 0x2FFF), ExtendedLocation.Pagefile(2, 12345), ExtendedLocation.File(Ntdll, 0x17FFF) })
        {
            var combined = space.CombinedOffset(location);
            Assert.That(combined, Is.Not.Null, location.ToString());
            Assert.That(space.Locate(combined!.Value), Is.EqualTo(location));
        }
        Assert.That(space.Locate(GiB - 1), Is.Null, "between physical memory and pagefile 0");
    }

    [Test]
    public void AMissingPagefileIsUnavailableWithTheOptionThatSuppliesIt()
    {
        using var space = StandardSpace();
        var location = ExtendedLocation.Pagefile(1, 0x1000);
        Assert.That(space.IsAvailable(location, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo("pagefile 1 was not supplied (use --pagefile 1=FILE)"));
        Assert.That(space.CombinedOffset(location), Is.Null);
        var error = Assert.Throws<BackingUnavailableException>(() => space.Read(location, new byte[8]))!;
        Assert.That(error.Location, Is.EqualTo(location));
        Assert.That(error.Reason, Is.EqualTo(reason));
        Assert.That(error.Message, Does.Contain("pagefile 1 @ 0x1000"));
    }

    [Test]
    public void ReadsPastTheEndOfAPagefileAreUnavailable()
    {
        using var space = StandardSpace();
        var past = ExtendedLocation.Pagefile(0, 0x3000);
        Assert.That(space.IsAvailable(past, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo("offset 0x3000 lies past the end of pagefile 0 (0x3000 bytes)"));
        Assert.That(space.CombinedOffset(past), Is.Null);
        Assert.That(() => space.Read(past, new byte[1]), Throws.InstanceOf<BackingUnavailableException>().With.Property(nameof(BackingUnavailableException.Reason)).EqualTo(reason));

        var straddling = ExtendedLocation.Pagefile(0, 0x2FF0);
        Assert.That(space.IsAvailable(straddling, out _), Is.True);
        Assert.That(() => space.Read(straddling, new byte[0x20]), Throws.InstanceOf<BackingUnavailableException>().With.Message.Contains("run past the end of pagefile 0"));
        Assert.That(() => space.Read(ExtendedLocation.Pagefile(0, -1), new byte[1]), Throws.InstanceOf<BackingUnavailableException>().With.Message.Contains("negative"));
    }

    [Test]
    public void AMissingFileIsUnavailableAndLookedUpOnce()
    {
        var files = new CountingFileProvider(Files);
        using var space = StandardSpace(files);
        var location = ExtendedLocation.File(@"\Windows\System32\x.dll", 0);
        Assert.That(space.IsAvailable(location, out var reason), Is.False);
        Assert.That(reason, Does.StartWith(@"\Windows\System32\x.dll is not available from any file source (AFF4 volume, --files, --disk").And.Contains("test files"));
        Assert.That(space.CombinedOffset(location), Is.Null);
        var error = Assert.Throws<BackingUnavailableException>(() => space.Read(location.Plus(0x1000), new byte[8]))!;
        Assert.That(error.Reason, Is.EqualTo(reason));
        Assert.That(error.Message, Does.Contain(@"\Windows\System32\x.dll @ 0x1000"));
        Assert.That(space.IsAvailable(ExtendedLocation.File(@"C:\windows\system32\X.DLL", 0), out _), Is.False);
        Assert.That(files.Opens(location.FilePath!), Is.EqualTo(1), "misses are cached too");
        Assert.That(space.Regions.Select(r => r.Kind), Has.No.Member(BackingKind.File));
    }

    [Test]
    public void AFileOffsetPastItsEndIsUnavailable()
    {
        using var space = StandardSpace();
        var location = ExtendedLocation.File(Ntdll, 0x1_8000);
        Assert.That(space.IsAvailable(location, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo($@"offset 0x18000 lies past the end of {Ntdll} (0x18000 bytes)"));
        Assert.That(space.CombinedOffset(location), Is.Null);
        Assert.That(() => space.Read(location, new byte[1]), Throws.InstanceOf<BackingUnavailableException>());
    }

    /// <summary>The memory manager maps the bytes past the end of a file in its last page as zeros.</summary>
    [Test]
    public void TheLastPartialPageOfAFileIsItsTailThenZeros()
    {
        using var space = StandardSpace();
        var lastPage = ExtendedLocation.File(DataFile, 0x5F000);
        Assert.That(space.IsAvailable(lastPage, out var reason), Is.True, reason);
        var page = new byte[0x1000];
        Array.Fill(page, (byte)0xCC);
        space.Read(lastPage, page);
        var tail = new byte[0x474];
        space.Read(lastPage, tail);
        Assert.That(page[..0x474], Is.EqualTo(tail), "the file's own bytes");
        Assert.That(page[..0x474].Any(b => b != 0), Is.True);
        Assert.That(page[0x474..].All(b => b == 0), Is.True, "past the end of the file");
        Assert.That(() => space.Read(ExtendedLocation.File(DataFile, 0x60000), new byte[1]), Throws.InstanceOf<BackingUnavailableException>(), "a page wholly past the end");
    }

    [Test]
    public void NetworkFilesAreNotLookedUpLocally()
    {
        var files = new CountingFileProvider(Files);
        using var space = StandardSpace(files);
        Assert.That(space.IsAvailable(ExtendedLocation.File(@"\Device\Mup\server\share\Windows\System32\ntdll.dll", 0), out var reason), Is.False);
        Assert.That(reason, Does.Contain("not on a local volume"));
        Assert.That(files.Opened, Is.Empty);
    }

    [Test]
    public void APhysicalHoleIsUnavailableAndReadsOfItFail()
    {
        using var space = StandardSpace();
        var hole = ExtendedLocation.Physical(TestMemory.Hole);
        Assert.That(space.IsAvailable(hole, out var reason), Is.False);
        Assert.That(reason, Is.EqualTo("physical address 0x3000 is not in the image"));
        Assert.That(space.CombinedOffset(hole), Is.EqualTo(TestMemory.Hole), "physical memory sits at 0 whatever it holds");
        Assert.That(() => space.Read(hole, new byte[4]), Throws.InstanceOf<PhysicalHoleException>());
        Assert.That(space.IsAvailable(ExtendedLocation.Physical(TestMemory.End), out _), Is.False);
        Assert.That(space.CombinedOffset(ExtendedLocation.Physical(TestMemory.End)), Is.Null);
    }

    [Test]
    public void OneFileReachedByTwoNamesIsPlacedOnce()
    {
        var provider = new SameFileProvider();
        using var space = new ExtendedPhysicalSpace(TestMemory.WithHole(), new Dictionary<int, IByteSource>(), provider);
        var viaSystem32 = space.CombinedOffset(ExtendedLocation.File(@"\Windows\System32\drivers\acpi.sys", 0));
        var viaSysNative = space.CombinedOffset(ExtendedLocation.File(@"\Windows\SysNative\drivers\acpi.sys", 0));
        Assert.That(viaSysNative, Is.EqualTo(viaSystem32).And.Not.Null);
        Assert.That(space.Regions.Count(r => r.Kind == BackingKind.File), Is.EqualTo(1));
        Assert.That(provider.Sources[1].Disposed, Is.True, "the second handle on the same file is closed");
    }

    [Test]
    public void DisposingClosesThePagefilesAndFilesItOpened()
    {
        var files = new CountingFileProvider(Files);
        var pagefile = new PatternSource("pagefile.sys", 0x3000, 0);
        var space = Space(files, (0, pagefile));
        space.Read(ExtendedLocation.File(Ntdll, 0), new byte[4]);
        space.Dispose();
        Assert.That(pagefile.Disposed && files.Opened.Single().Disposed, Is.True);
        Assert.That(() => space.Read(ExtendedLocation.Pagefile(0, 0), new byte[1]), Throws.InstanceOf<ObjectDisposedException>());
    }

    private sealed class SameFileProvider : IMappedFileProvider
    {
        public List<TestArraySource> Sources { get; } = [];
        public string Description => "one file under every name";

        public IByteSource? Open(string windowsPath)
        {
            var source = new TestArraySource(new byte[100], "aff4://volume/C:/Windows/SysNative/drivers/acpi.sys");
            Sources.Add(source);
            return source;
        }
    }
}
