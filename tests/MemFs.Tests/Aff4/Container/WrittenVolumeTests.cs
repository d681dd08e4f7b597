using System.IO.Compression;
using System.Text;
using MemFs.Aff4;
using MemFs.Aff4.Container;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>Zip layouts of the various AFF4 producers, built with <see cref="TestZipWriter"/>.</summary>
public class WrittenVolumeTests
{
    private const string VolumeUrn = "aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044";

    private static readonly byte[] Segment = Pattern(70_000, seed: 1);
    private static readonly byte[] Turtle = Encoding.UTF8.GetBytes("@prefix aff4: <http://aff4.org/Schema#> .\n" + new string('#', 5000) + "\n");

    internal static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static TestZipWriter StandardVolume(TestZipOptions options)
    {
        var writer = new TestZipWriter(options);
        writer.AddStored("container.description", Encoding.UTF8.GetBytes(VolumeUrn));
        writer.AddStored("version.txt", "major=1\nminor=0\ntool=test\n"u8.ToArray());
        writer.AddStored("PhysicalMemory/data/00000000", Segment);
        writer.AddStored("empty", []);
        writer.AddDeflated("information.turtle", Turtle);
        return writer;
    }

    private static readonly string[] StandardNames = ["container.description", "version.txt", "PhysicalMemory/data/00000000", "empty", "information.turtle"];

    private static void AssertStandardContent(ZipVolume zip)
    {
        Assert.That(zip.Members.Select(m => m.Name), Is.EqualTo(StandardNames));
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(VolumeUrn));
        var segment = zip.FindMember("PhysicalMemory/data/00000000")!;
        Assert.That(segment.CompressionMethod, Is.EqualTo(ZipMember.MethodStored));
        Assert.That(segment.UncompressedSize, Is.EqualTo(Segment.Length));
        Assert.That(zip.ReadAllBytes(segment, Segment.Length), Is.EqualTo(Segment));
        var turtle = zip.FindMember("information.turtle")!;
        Assert.That(turtle.CompressionMethod, Is.EqualTo(ZipMember.MethodDeflated));
        Assert.That(turtle.CompressedSize, Is.LessThan(Turtle.Length));
        Assert.That(zip.ReadAllBytes(turtle, 1 << 20), Is.EqualTo(Turtle));
        Assert.That(zip.ReadAllBytes(zip.FindMember("empty")!, 0), Is.Empty);
    }

    private static void AssertMatchesZipArchive(ZipVolume zip)
    {
        using var archive = ZipFile.OpenRead(zip.FilePath);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            var reference = new MemoryStream();
            stream.CopyTo(reference);
            var member = zip.FindMember(entry.FullName)!;
            Assert.That(member.Crc32, Is.EqualTo(entry.Crc32), entry.FullName);
            Assert.That(zip.ReadAllBytes(member, 1 << 20), Is.EqualTo(reference.ToArray()), entry.FullName);
        }
    }

    [Test]
    public void EveryZip64ModeAndDescriptorLayoutReads(
        [Values] Zip64Mode zip64, [Values] bool dataDescriptors, [Values] bool unknownExtraBeforeZip64)
    {
        var options = new TestZipOptions { Zip64 = zip64, DataDescriptors = dataDescriptors, UnknownExtraBeforeZip64 = unknownExtraBeforeZip64 };
        using var file = TempZipFile.Create(StandardVolume(options).ToArray());
        using var zip = ZipVolume.Open(file.Path);
        AssertStandardContent(zip);
        Assert.That(zip.GlobalOffset, Is.Zero);
        Assert.That(zip.Warnings, Is.Empty);
        AssertMatchesZipArchive(zip);
    }

    [Test]
    public void AllSaturatedCentralDirectoryTakesValuesFromTheZip64Extra()
    {
        var bytes = StandardVolume(new TestZipOptions { Zip64 = Zip64Mode.AllSaturated, DataDescriptors = true }).ToArray();
        var entry = ZipBytes.CentralDirectoryEntry(bytes, "PhysicalMemory/data/00000000");
        Assert.That(BitConverter.ToUInt32(bytes, entry + 20), Is.EqualTo(uint.MaxValue), "test premise: saturated CD size");
        Assert.That(BitConverter.ToUInt32(bytes, entry + 42), Is.EqualTo(uint.MaxValue), "test premise: saturated CD offset");
        using var file = TempZipFile.Create(bytes);
        using var zip = ZipVolume.Open(file.Path);
        var member = zip.FindMember("PhysicalMemory/data/00000000")!;
        Assert.That(member.CompressedSize, Is.EqualTo(Segment.Length));
        Assert.That(member.LocalHeaderOffset, Is.GreaterThan(0).And.LessThan(1000));
    }

    [TestCase(Zip64Mode.None)]
    [TestCase(Zip64Mode.LocatorNotSaturated)]
    [TestCase(Zip64Mode.AllSaturated)]
    public void ArchiveAppendedToAnotherFileHasAGlobalOffset(Zip64Mode zip64)
    {
        var prefix = Encoding.ASCII.GetBytes("MZ" + new string('\0', 4093) + "stub");
        var options = new TestZipOptions { Zip64 = zip64, Prefix = prefix, DataDescriptors = true, Comment = VolumeUrn };
        using var file = TempZipFile.Create(StandardVolume(options).ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.GlobalOffset, Is.EqualTo(prefix.Length));
        Assert.That(zip.Members[0].LocalHeaderOffset, Is.Zero);
        AssertStandardContent(zip);
        Assert.That(zip.Warnings, Has.Some.Contains("0x1003"));
    }

    [TestCase(Zip64Mode.None)]
    [TestCase(Zip64Mode.LocatorNotSaturated)]
    [TestCase(Zip64Mode.AllSaturated)]
    public void LongestCommentIsFound(Zip64Mode zip64)
    {
        var comment = VolumeUrn + "\0" + new string('x', ushort.MaxValue - VolumeUrn.Length - 1);
        var writer = new TestZipWriter(new TestZipOptions { Zip64 = zip64, Comment = comment });
        writer.AddStored("version.txt", "major=1\n"u8.ToArray());
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Comment, Has.Length.EqualTo(ushort.MaxValue));
        Assert.That(zip.Comment, Is.EqualTo(comment));
        Assert.That(zip.Members.Single().Name, Is.EqualTo("version.txt"));
    }

    [TestCase("aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044\0", VolumeUrn)]
    [TestCase("aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044 \r\n", VolumeUrn)]
    [TestCase("aff4:/685e15cc-d0fb-4dbc-ba47-48117fc77044", VolumeUrn)]
    [TestCase("created by some zip tool", null)]
    [TestCase("", null)]
    public void VolumeUrnFromTheCommentIsCleaned(string comment, string? expected)
    {
        var writer = new TestZipWriter(new TestZipOptions { Comment = comment });
        writer.AddStored("version.txt", "major=1\n"u8.ToArray());
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Comment, Is.EqualTo(comment));
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(expected));
    }

    [Test]
    public void DescriptionWinsOverADisagreeingComment()
    {
        const string other = "aff4://00000000-0000-4000-8000-000000000001";
        var writer = StandardVolume(new TestZipOptions { Comment = other + "\0" });
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(VolumeUrn));
        Assert.That(zip.Warnings, Has.One.Contains(other).And.Contains(VolumeUrn));
    }

    [Test]
    public void DescriptionWithSingleSlashAndNewlineIsNormalised()
    {
        var writer = new TestZipWriter();
        writer.AddDeflated("container.description", Encoding.UTF8.GetBytes("\uFEFFaff4:/685e15cc-d0fb-4dbc-ba47-48117fc77044\n"));
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(VolumeUrn));
    }

    [Test]
    public void ReverseCentralDirectoryOrderIsKept()
    {
        var writer = StandardVolume(new TestZipOptions { ReverseCentralDirectoryOrder = true, Zip64 = Zip64Mode.AllSaturated });
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Members.Select(m => m.Name), Is.EqualTo(StandardNames.Reverse()));
        Assert.That(zip.Members.Select(m => m.CentralDirectoryIndex), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(zip.Members[0].LocalHeaderOffset, Is.GreaterThan(zip.Members[1].LocalHeaderOffset));
        Assert.That(zip.ReadAllBytes(zip.FindMember("PhysicalMemory/data/00000000")!, 1 << 20), Is.EqualTo(Segment));
        Assert.That(zip.ReadAllBytes(zip.FindMember("information.turtle")!, 1 << 20), Is.EqualTo(Turtle));
    }

    [Test]
    public void NamesWithSpacesUtf8AndCp437AreDecoded()
    {
        var writer = new TestZipWriter();
        writer.AddStored("/cases/my notes.txt", "notes"u8.ToArray());
        writer.AddDeflated("Überprüfung/é😀.txt", "utf8"u8.ToArray());
        writer.AddStored([0x63, 0x61, 0x66, 0x82, 0x2E, 0x74, 0x78, 0x74, 0xB0], "cp437"u8.ToArray());
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Members.Select(m => m.Name), Is.EqualTo(new[] { "/cases/my notes.txt", "Überprüfung/é😀.txt", "café.txt░" }));
        Assert.That(zip.ReadAllText(zip.FindMember("Überprüfung/é😀.txt")!, 100), Is.EqualTo("utf8"));
        Assert.That(zip.ReadAllText(zip.FindMember("café.txt░")!, 100), Is.EqualTo("cp437"));
        Assert.That(zip.ReadAllText(zip.FindMember("/cases/my notes.txt")!, 100), Is.EqualTo("notes"));
    }

    [Test]
    public void DuplicateNamesLetTheLastEntryWin()
    {
        var writer = new TestZipWriter();
        writer.AddDeflated("information.turtle", "@prefix old"u8.ToArray());
        writer.AddStored("container.description", Encoding.UTF8.GetBytes(VolumeUrn));
        writer.AddDeflated("information.turtle", "@prefix new"u8.ToArray());
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Members, Has.Count.EqualTo(3));
        var turtle = zip.FindMember("information.turtle")!;
        Assert.That(turtle.CentralDirectoryIndex, Is.EqualTo(2));
        Assert.That(zip.ReadAllText(turtle, 100), Is.EqualTo("@prefix new"));
        Assert.That(zip.ReadAllText(zip.Members[0], 100), Is.EqualTo("@prefix old"));
        Assert.That(zip.Warnings, Has.One.Contains("duplicate member name 'information.turtle'"));
        var index = new MemberIndex(zip, VolumeUrn);
        Assert.That(index.Find(VolumeUrn + "/information.turtle", out _), Is.SameAs(turtle));
        Assert.That(index.Urns, Has.Count.EqualTo(2));
    }

    [Test]
    public void ReadMemberReturnsShortCountOnlyAtTheEnd([Values] bool deflated)
    {
        var writer = new TestZipWriter();
        if (deflated) writer.AddDeflated("m", Segment); else writer.AddStored("m", Segment);
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        var member = zip.Members[0];
        var buffer = new byte[4096];
        Assert.That(zip.ReadMember(member, 1000, buffer), Is.EqualTo(4096));
        Assert.That(buffer, Is.EqualTo(Segment.AsSpan(1000, 4096).ToArray()));
        Assert.That(zip.ReadMember(member, Segment.Length - 10, buffer), Is.EqualTo(10));
        Assert.That(buffer.AsSpan(0, 10).ToArray(), Is.EqualTo(Segment.AsSpan(Segment.Length - 10).ToArray()));
        Assert.That(zip.ReadMember(member, Segment.Length, buffer), Is.Zero);
        Assert.That(zip.ReadMember(member, long.MaxValue, buffer), Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => zip.ReadMember(member, -1, buffer));
    }

    [Test]
    public void ReadAllBytesRefusesAMemberOverTheLimit()
    {
        using var file = TempZipFile.Create(StandardVolume(new TestZipOptions()).ToArray());
        using var zip = ZipVolume.Open(file.Path);
        var e = Assert.Throws<Aff4Exception>(() => zip.ReadAllBytes(zip.FindMember("PhysicalMemory/data/00000000")!, 65536))!;
        Assert.That(e.Member, Is.EqualTo("PhysicalMemory/data/00000000"));
        Assert.That(e.Message, Does.Contain(Path.GetFileName(file.Path)).And.Contain("offset 0x"));
    }

    [Test]
    public void ReadAllTextDropsTheByteOrderMark()
    {
        var writer = new TestZipWriter();
        writer.AddStored("version.txt", [0xEF, 0xBB, 0xBF, .. "major=1"u8]);
        using var file = TempZipFile.Create(writer.ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.ReadAllText(zip.Members[0], 100), Is.EqualTo("major=1"));
    }

    [Test]
    public void EmptyArchiveHasNoMembers([Values] Zip64Mode zip64)
    {
        using var file = TempZipFile.Create(new TestZipWriter(new TestZipOptions { Zip64 = zip64, Comment = VolumeUrn }).ToArray());
        using var zip = ZipVolume.Open(file.Path);
        Assert.That(zip.Members, Is.Empty);
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(VolumeUrn));
        Assert.That(zip.FindMember("information.turtle"), Is.Null);
    }

    [Test]
    public void MemberOfAnotherVolumeIsRejected()
    {
        using var file = TempZipFile.Create(StandardVolume(new TestZipOptions()).ToArray());
        using var zip = ZipVolume.Open(file.Path);
        var stranger = zip.Members[2] with { Name = "other" };
        Assert.Throws<ArgumentException>(() => zip.ReadMember(stranger, 0, new byte[10]));
    }

    [Test]
    public void ReadOnlyVolumeFileCanBeOpenedTwice()
    {
        using var file = TempZipFile.Create(StandardVolume(new TestZipOptions()).ToArray());
        File.SetAttributes(file.Path, FileAttributes.ReadOnly);
        try
        {
            using var zip = ZipVolume.Open(file.Path);
            using var second = ZipVolume.Open(file.Path);
            Assert.That(second.Members, Has.Count.EqualTo(zip.Members.Count));
        }
        finally
        {
            File.SetAttributes(file.Path, FileAttributes.Normal);
        }
    }
}
