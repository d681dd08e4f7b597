using MemFs.Tests.Aff4.Reference;
using System.IO.Compression;
using System.Text.Json;
using MemFs.Aff4.Container;
using MemFs.Tests.Support;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>The container layer against every real (and synthetic) volume in shared/data/aff4.</summary>
public class RealVolumeTests
{
    public static readonly string[] Volumes = ExpectedValues.AllFiles;

    private static JsonElement Expected(string volume)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("aff4/expected.json")));
        return json.RootElement.GetProperty("files").GetProperty(volume).Clone();
    }

    private static ZipVolume Open(string volume) => ZipVolume.Open(SharedData.Require("aff4/" + volume));

    [TestCaseSource(nameof(Volumes))]
    public void MembersAreInCentralDirectoryOrder(string volume)
    {
        var expected = Expected(volume).GetProperty("zip_members_in_central_directory_order")
            .EnumerateArray().Select(e => e.GetString()).ToArray();
        using var zip = Open(volume);
        Assert.That(zip.Members.Select(m => m.Name), Is.EqualTo(expected));
        Assert.That(zip.Members.Select(m => m.CentralDirectoryIndex), Is.EqualTo(Enumerable.Range(0, expected.Length)));
        Assert.That(zip.Warnings, Is.Empty);
    }

    [TestCaseSource(nameof(Volumes))]
    public void VolumeUrnComesFromDescriptionAndComment(string volume)
    {
        var expected = Expected(volume);
        using var zip = Open(volume);
        Assert.That(zip.DescribedVolumeUrn, Is.EqualTo(expected.GetProperty("volume_urn").GetString()));
        if (expected.TryGetProperty("zip_comment", out var comment) && comment.ValueKind == JsonValueKind.String)
            Assert.That(zip.Comment, Is.EqualTo(comment.GetString()));
        else
            Assert.That(zip.Comment, Is.EqualTo(zip.DescribedVolumeUrn));
        Assert.That(zip.GlobalOffset, Is.Zero);
        Assert.That(zip.FileLength, Is.EqualTo(expected.GetProperty("file_size").GetInt64()));
    }

    [TestCaseSource(nameof(Volumes))]
    public void InformationTurtleReads(string volume)
    {
        using var zip = Open(volume);
        var turtle = zip.FindMember("information.turtle");
        Assert.That(turtle, Is.Not.Null);
        var text = zip.ReadAllText(turtle!, 1 << 20);
        Assert.That(text.Length, Is.GreaterThan(100));
        Assert.That(text.StartsWith("@prefix", StringComparison.Ordinal) || text.StartsWith("@base", StringComparison.Ordinal),
            Is.True, text[..40]);
        Assert.That(text, Does.Contain(zip.DescribedVolumeUrn));
        if (volume.StartsWith("synthetic/", StringComparison.Ordinal))
            Assert.That(turtle!.CompressionMethod, Is.EqualTo(ZipMember.MethodDeflated));
    }

    [TestCaseSource(nameof(Volumes))]
    public void EveryMemberMatchesZipArchive(string volume)
    {
        using var zip = Open(volume);
        using var archive = ZipFile.OpenRead(zip.FilePath);
        Assert.That(archive.Entries.Select(e => e.FullName), Is.EquivalentTo(zip.Members.Select(m => m.Name)));
        foreach (var entry in archive.Entries)
        {
            var member = zip.FindMember(entry.FullName)!;
            using var stream = entry.Open();
            var reference = new MemoryStream();
            stream.CopyTo(reference);
            Assert.That(member.UncompressedSize, Is.EqualTo(entry.Length), entry.FullName);
            Assert.That(member.Crc32, Is.EqualTo(entry.Crc32), entry.FullName);
            Assert.That(zip.ReadAllBytes(member, 64 << 20), Is.EqualTo(reference.ToArray()), entry.FullName);
        }
    }

    [TestCaseSource(nameof(Volumes))]
    public void MemberIndexFindsEveryMemberByItsUrn(string volume)
    {
        using var zip = Open(volume);
        var index = new MemberIndex(zip, zip.DescribedVolumeUrn!);
        Assert.That(index.Urns, Has.Count.EqualTo(zip.Members.Count));
        foreach (var member in zip.Members)
        {
            Assert.That(index.Find(MemberNames.ToUrn(member.Name, zip.DescribedVolumeUrn!), out var fuzzy), Is.SameAs(member));
            Assert.That(fuzzy, Is.False);
        }
    }

    [Test]
    public void EvimetryForeignStreamSegmentIsFoundByItsOwnUrn()
    {
        using var zip = Open("AFF4Std/Base-Linear.aff4");
        var index = new MemberIndex(zip, zip.DescribedVolumeUrn!);
        var member = index.Find("aff4://c215ba20-5648-4209-a793-1f918c723610/00000000.index", out var fuzzy);
        Assert.That(member?.Name, Is.EqualTo("aff4%3A%2F%2Fc215ba20-5648-4209-a793-1f918c723610/00000000.index"));
        Assert.That(fuzzy, Is.False);
        Assert.That(index.Urns, Does.Contain("aff4://c215ba20-5648-4209-a793-1f918c723610/00000000"));
    }

    [Test]
    public void LegacyLowerCaseEscapedPagefileSegmentIsFound()
    {
        using var zip = Open("synthetic/synthetic-winpmem21-legacy.aff4");
        var index = new MemberIndex(zip, zip.DescribedVolumeUrn!);
        var member = index.Find("aff4://5eb1c2d4-0000-4000-8000-000000002101/c:/pagefile.sys/00000000/index", out var fuzzy);
        Assert.That(member?.Name, Is.EqualTo("c%3a/pagefile.sys/00000000/index"));
        Assert.That(fuzzy, Is.False);
        Assert.That(zip.ReadAllBytes(member!, 1024), Has.Length.EqualTo(16));
    }

    [Test]
    public void DeflatedAcquiredFileReadsInPieces()
    {
        using var zip = Open("synthetic/synthetic-winpmem33-caff4.aff4");
        var index = new MemberIndex(zip, zip.DescribedVolumeUrn!);
        var member = index.Find("aff4://5eb1c2d4-0000-4000-8000-000000003303/C:/Windows/SysNative/drivers/acpi.sys", out _)!;
        Assert.That(member.CompressionMethod, Is.EqualTo(ZipMember.MethodDeflated));
        var whole = zip.ReadAllBytes(member, 1 << 20);
        Assert.That(whole, Has.Length.EqualTo(45000));
        var piece = new byte[1000];
        Assert.That(zip.ReadMember(member, 44500, piece), Is.EqualTo(500));
        Assert.That(piece.AsSpan(0, 500).ToArray(), Is.EqualTo(whole.AsSpan(44500).ToArray()));
    }
}
