using System.Text;
using MemFs.Aff4;
using MemFs.Aff4.Container;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>Damaged and hostile archives: every problem is an <see cref="Aff4Exception"/> naming file and offset.</summary>
public class CorruptVolumeTests
{
    private const string VolumeUrn = "aff4://5eb1c2d4-0000-4000-8000-000000003303";
    private const string SegmentName = "PhysicalMemory/data/00000000";
    private static readonly byte[] Segment = WrittenVolumeTests.Pattern(50_000, seed: 2);

    private static byte[] Volume(Zip64Mode zip64 = Zip64Mode.None)
    {
        var writer = new TestZipWriter(new TestZipOptions { Zip64 = zip64, DataDescriptors = true, Comment = VolumeUrn + "\0" });
        writer.AddStored("container.description", Encoding.UTF8.GetBytes(VolumeUrn));
        writer.AddStored(SegmentName, Segment);
        writer.AddDeflated("information.turtle", Encoding.UTF8.GetBytes("@prefix aff4: <http://aff4.org/Schema#> .\n"));
        return writer.ToArray();
    }

    private static Aff4Exception OpenFails(byte[] bytes)
    {
        using var file = TempZipFile.Create(bytes);
        var e = Assert.Throws<Aff4Exception>(() => ZipVolume.Open(file.Path).Dispose())!;
        AssertLocated(e, file.Path);
        return e;
    }

    private static void AssertLocated(Aff4Exception e, string path)
    {
        Assert.That(e.FilePath, Is.EqualTo(path));
        Assert.That(e.Offset, Is.Not.Null);
        Assert.That(e.Message, Does.Contain(Path.GetFileName(path)).And.Contain("offset 0x"));
    }

    public static IEnumerable<TestCaseData> TruncationPoints()
    {
        foreach (var zip64 in new[] { Zip64Mode.None, Zip64Mode.AllSaturated })
        {
            var whole = Volume(zip64);
            var end = ZipBytes.End(whole);
            var directory = ZipBytes.CentralDirectoryEntry(whole, "container.description");
            var points = new (string Where, int Length)[]
            {
                ("last byte of the comment", whole.Length - 1),
                ("inside the EOCD", end + 10),
                ("before the EOCD", end),
                ("inside the central directory", directory + 60),
                ("at the central directory", directory),
                ("inside member data", directory / 2),
                ("inside the first local header", 20),
                ("empty file", 0),
            };
            foreach (var (where, length) in points)
                yield return new TestCaseData(zip64, length).SetArgDisplayNames(zip64.ToString(), where);
        }
    }

    [TestCaseSource(nameof(TruncationPoints))]
    public void TruncatedVolumeFails(Zip64Mode zip64, int length)
    {
        var e = OpenFails(Volume(zip64)[..length]);
        Assert.That(e.Problem, Does.Contain("no end-of-central-directory record found (file truncated?)"));
    }

    [Test]
    public void FileWithoutEndRecordFails()
    {
        var e = OpenFails(WrittenVolumeTests.Pattern(100_000, seed: 3));
        Assert.That(e.Offset, Is.EqualTo(100_000 - (22 + 65535 + 20 + 56)));
    }

    [TestCase(16, 0x7FFFFF00u, TestName = "CentralDirectoryOffsetOutsideFile")]
    [TestCase(12, 0x7FFFFF00u, TestName = "CentralDirectorySizeLargerThanFile")]
    public void CentralDirectoryOutsideTheFileFails(int field, uint value)
    {
        var bytes = Volume();
        ZipBytes.PatchUInt32(bytes, ZipBytes.End(bytes) + field, value);
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("central directory"));
    }

    [Test]
    public void Zip64CentralDirectoryOffsetOutsideFileFails()
    {
        var bytes = Volume(Zip64Mode.AllSaturated);
        ZipBytes.PatchUInt64(bytes, ZipBytes.Zip64End(bytes) + 48, 1UL << 40);
        OpenFails(bytes);
    }

    [Test]
    public void AbsurdEntryCountFails()
    {
        var bytes = Volume();
        ZipBytes.PatchUInt16(bytes, ZipBytes.End(bytes) + 8, 60000);
        ZipBytes.PatchUInt16(bytes, ZipBytes.End(bytes) + 10, 60000);
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("60000 entries"));
    }

    [Test]
    public void AbsurdZip64EntryCountFails()
    {
        var bytes = Volume(Zip64Mode.AllSaturated);
        ZipBytes.PatchUInt64(bytes, ZipBytes.Zip64End(bytes) + 32, 1UL << 40);
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("1099511627776 entries"));
    }

    [Test]
    public void SaturatedEndRecordWithoutLocatorFails()
    {
        var bytes = Volume(Zip64Mode.AllSaturated);
        bytes[ZipBytes.Zip64Locator(bytes)] = 0;
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("no Zip64 locator"));
    }

    [Test]
    public void LocatorWithoutZip64EndRecordFails()
    {
        var bytes = Volume(Zip64Mode.AllSaturated);
        bytes[ZipBytes.Zip64End(bytes)] = 0;
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("no Zip64 end-of-central-directory record"));
    }

    [Test]
    public void MissingCentralDirectorySignatureFails()
    {
        var bytes = Volume();
        bytes[ZipBytes.CentralDirectoryEntry(bytes, "container.description")] = 0;
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("no central directory file header"));
    }

    [Test]
    public void BadSecondCentralDirectoryEntryFails()
    {
        var bytes = Volume();
        var entry = ZipBytes.CentralDirectoryEntry(bytes, SegmentName);
        bytes[entry + 1] = 0;
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("entry #1"));
        Assert.That(e.Offset, Is.EqualTo(entry));
    }

    [Test]
    public void NameRunningPastTheCentralDirectoryFails()
    {
        var bytes = Volume();
        ZipBytes.PatchUInt16(bytes, ZipBytes.CentralDirectoryEntry(bytes, "information.turtle") + 28, 0xFFFF);
        var e = OpenFails(bytes);
        Assert.That(e.Problem, Does.Contain("runs past the end of the central directory"));
    }

    [Test]
    public void ShortZip64ExtraFails()
    {
        var bytes = Volume(Zip64Mode.AllSaturated);
        var entry = ZipBytes.CentralDirectoryEntry(bytes, SegmentName);
        ZipBytes.PatchUInt16(bytes, entry + 46 + SegmentName.Length + 2, 8);
        var e = OpenFails(bytes);
        Assert.That(e.Member, Is.EqualTo(SegmentName));
        Assert.That(e.Problem, Does.Contain("Zip64 extra field has 8 bytes"));
    }

    [TestCase(20, TestName = "MemberCompressedSizeOutsideFile")]
    [TestCase(42, TestName = "MemberLocalHeaderOffsetOutsideFile")]
    public void MemberDataOutsideTheFileFails(int field)
    {
        var bytes = Volume();
        var entry = ZipBytes.CentralDirectoryEntry(bytes, SegmentName);
        ZipBytes.PatchUInt32(bytes, entry + field, 0x7FFFFFF0);
        ZipBytes.PatchUInt32(bytes, entry + 24, 0x7FFFFFF0);
        var e = OpenFails(bytes);
        Assert.That(e.Member, Is.EqualTo(SegmentName));
        Assert.That(e.Problem, Does.Contain("member data"));
    }

    [Test]
    public void LocalHeaderExtraRunningPastTheFileFailsOnRead()
    {
        var bytes = Volume();
        long local;
        using (var file = TempZipFile.Create(bytes))
        using (var zip = ZipVolume.Open(file.Path))
            local = zip.FindMember("information.turtle")!.LocalHeaderOffset;
        ZipBytes.PatchUInt16(bytes, (int)local + 28, 0xFFFF);
        using var damaged = TempZipFile.Create(bytes);
        using var volume = ZipVolume.Open(damaged.Path);
        var e = Assert.Throws<Aff4Exception>(() => volume.ReadAllBytes(volume.FindMember("information.turtle")!, 1000))!;
        AssertLocated(e, damaged.Path);
        Assert.That(e.Problem, Does.Contain("runs past the end of the file"));
    }

    [Test]
    public void BadLocalHeaderSignatureFailsOnRead()
    {
        var bytes = Volume();
        long local;
        using (var file = TempZipFile.Create(bytes))
        using (var zip = ZipVolume.Open(file.Path))
            local = zip.FindMember(SegmentName)!.LocalHeaderOffset;
        bytes[local + 2] = 0x99;
        using var damaged = TempZipFile.Create(bytes);
        using var volume = ZipVolume.Open(damaged.Path);
        var e = Assert.Throws<Aff4Exception>(() => volume.ReadMember(volume.FindMember(SegmentName)!, 0, new byte[100]))!;
        AssertLocated(e, damaged.Path);
        Assert.That(e.Member, Is.EqualTo(SegmentName));
        Assert.That(e.Offset, Is.EqualTo(local));
        Assert.That(e.Problem, Does.Contain("bad local file header signature"));
    }

    [Test]
    public void UnreadableDescriptionFallsBackToTheComment()
    {
        var bytes = Volume();
        bytes[0] = 0;
        using var file = TempZipFile.Create(bytes);
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(VolumeUrn));
        Assert.That(zip.Warnings, Has.One.Contains("container.description is unreadable"));
    }

    [Test]
    public void DeflateBombOverTheLimitFails()
    {
        var writer = new TestZipWriter();
        writer.AddDeflated("bomb", new byte[4 << 20]);
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        zip.InflateLimit = 1 << 20;
        var bomb = zip.Members[0];
        Assert.That(bomb.CompressedSize, Is.LessThan(10_000), "test premise: highly compressible");
        var e = Assert.Throws<Aff4Exception>(() => zip.ReadMember(bomb, 0, new byte[10]))!;
        AssertLocated(e, file.Path);
        Assert.That(e.Member, Is.EqualTo("bomb"));
        Assert.That(e.Problem, Does.Contain("limit"));

        zip.InflateLimit = 8 << 20;
        Assert.That(zip.ReadMember(bomb, (4 << 20) - 5, new byte[10]), Is.EqualTo(5), "a failed inflation is not cached");
    }

    [Test]
    public void DefaultInflateLimitIs256MiB()
    {
        Assert.That(ZipVolume.DefaultInflateLimit, Is.EqualTo(256L << 20));
    }

    [Test]
    public void DeflatedMemberLargerThanDeclaredFails()
    {
        var writer = new TestZipWriter();
        writer.AddDeflated("bomb", new byte[4 << 20]);
        var bytes = writer.ToArray();
        ZipBytes.PatchUInt32(bytes, ZipBytes.CentralDirectoryEntry(bytes, "bomb") + 24, 1000);
        using var file = TempZipFile.Create(bytes);
        using var zip = ZipVolume.Open(file.Path);
        var e = Assert.Throws<Aff4Exception>(() => zip.ReadMember(zip.Members[0], 0, new byte[10]))!;
        AssertLocated(e, file.Path);
        Assert.That(e.Problem, Does.Contain("more than the declared 1000 bytes"));
    }

    [Test]
    public void CorruptDeflateDataFails()
    {
        var writer = new TestZipWriter();
        writer.AddDeflated("turtle", Encoding.UTF8.GetBytes(new string('x', 10_000)));
        var bytes = writer.ToArray();
        bytes[30 + "turtle".Length] = 0xFF;
        using var file = TempZipFile.Create(bytes);
        using var zip = ZipVolume.Open(file.Path);
        var e = Assert.Throws<Aff4Exception>(() => zip.ReadAllBytes(zip.Members[0], 1 << 20))!;
        AssertLocated(e, file.Path);
        Assert.That(e.Problem, Does.Contain("deflate"));
    }

    [Test]
    public void UnsupportedCompressionMethodFailsOnRead()
    {
        var bytes = Volume();
        ZipBytes.PatchUInt16(bytes, ZipBytes.CentralDirectoryEntry(bytes, SegmentName) + 10, 12);
        using var file = TempZipFile.Create(bytes);
        using var zip = ZipVolume.Open(file.Path);
        var e = Assert.Throws<Aff4Exception>(() => zip.ReadMember(zip.FindMember(SegmentName)!, 0, new byte[10]))!;
        AssertLocated(e, file.Path);
        Assert.That(e.Problem, Does.Contain("compression method 12"));
    }

    [Test]
    public void ACentralDirectoryEntryCutShortNamesTheFileTheOffsetAndTheEntry()
    {
        var directory = new byte[0x14];
        BitConverter.TryWriteBytes(directory, CentralDirectoryFileHeader.Signature);
        var location = new CentralDirectoryLocation(Start: 0x1000, Size: directory.Length, DeclaredEntries: 1, GlobalOffset: 0, Comment: []);
        var position = 0;

        var e = Assert.Throws<Aff4Exception>(() => CentralDirectoryFileHeader.Read(directory, ref position, 0, location, 0x2000, "volume.aff4"))!;
        Assert.That(e.Offset, Is.EqualTo(0x1000));
        Assert.That(e.Message, Is.EqualTo("volume.aff4, offset 0x1000: central directory entry #0 is truncated (20 of 46 bytes)"));
    }

    [Test]
    public void ACentralDirectoryEntryWhoseNameRunsPastTheDirectoryNamesTheEntry()
    {
        var directory = new byte[CentralDirectoryFileHeader.FixedSize + 4];
        BitConverter.TryWriteBytes(directory, CentralDirectoryFileHeader.Signature);
        BitConverter.TryWriteBytes(directory.AsSpan(28), (ushort)10);
        var location = new CentralDirectoryLocation(Start: 0x1000, Size: directory.Length, DeclaredEntries: 1, GlobalOffset: 0, Comment: []);
        var position = 0;

        var e = Assert.Throws<Aff4Exception>(() => CentralDirectoryFileHeader.Read(directory, ref position, 0, location, 0x2000, "volume.aff4"))!;
        Assert.That(e.Message, Is.EqualTo(
            "volume.aff4, offset 0x1000: central directory entry #0 (name, extra field and comment: 10 bytes) runs past the end of the central directory"));
    }
}
