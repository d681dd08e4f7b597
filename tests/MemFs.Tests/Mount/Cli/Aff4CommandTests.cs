using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MemFs.Aff4;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Mount.Cli;
using MemFs.Tests.Aff4.Reference;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

public class Aff4CommandTests
{
    private static string Sample(string file) => ExpectedValues.PathOf(file);

    [Test]
    public void HelpListsEveryCommandWithExamples()
    {
        var root = MemFsProcess.Run("--help");
        Assert.That(root.ExitCode, Is.Zero);
        Assert.That(root.Text, Does.Contain("aff4"));
        var aff4 = MemFsProcess.Run("aff4", "--help");
        Assert.That(aff4.Text, Does.Contain("info").And.Contain("cat").And.Contain("hash"));
        foreach (var command in new[] { "info", "cat", "hash" })
        {
            var help = MemFsProcess.Run("aff4", command, "--help");
            Assert.That(help.ExitCode, Is.Zero, command);
            Assert.That(help.Text, Does.Contain("Examples:").And.Contain($"memfs aff4 {command}"), command);
        }
    }

    [Test]
    public void InfoShowsMemoryFactsOfAWinPmemImage()
    {
        var file = "synthetic/synthetic-winpmem21-legacy.aff4";
        var result = MemFsProcess.Run("aff4", "info", Sample(file));
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var expected = ExpectedValues.For(file).GetProperty("physical_memory");
        Assert.That(result.Text, Does.Contain("legacy Rekall/WinPmem"));
        Assert.That(result.Text, Does.Contain($"0x{expected.GetProperty("information_yaml").GetProperty("CR3").GetInt64():X}"));
        Assert.That(result.Text, Does.Contain(expected.GetProperty("urn").GetString()));
        Assert.That(result.Text, Does.Contain("LegacySwapped field order"));
        Assert.That(result.Text, Does.Contain("pagefile 0:"));
        Assert.That(result.Text, Does.Contain(@"C:\Windows\SysNative\drivers\acpi.sys"));
        foreach (var run in expected.GetProperty("runs").EnumerateArray())
            Assert.That(result.Text, Does.Contain($"0x{run[0].GetInt64():X12} - 0x{run[0].GetInt64() + run[1].GetInt64():X12}"));
    }

    /// <summary>Evimetry's case metadata objects hold no bytes: summarised, never reported as errors.</summary>
    [Test]
    public void InfoSummarisesCaseMetadata()
    {
        var result = MemFsProcess.Run("aff4", "info", Sample("AFF4Std/Base-Linear.aff4"));
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Not.Contain("error:"));
        Assert.That(result.Text, Does.Contain("caseName:          Canonical Image Generation"));
        Assert.That(result.Text, Does.Contain("notes:             This is an appended case note"));
        Assert.That(result.Text, Does.Contain("operation:         CAPTURE"));
        Assert.That(result.Text, Does.Contain("describes:         aff4://cf853d0b-5589-4c7c-8358-2ca1572b87eb"));
    }

    [TestCase(0xF0004A61UL, "19041 (0xF0004A61: free build 0xF0000000)")]
    [TestCase(0xC0001DB1UL, "7601 (0xC0001DB1: checked build 0xC0000000)")]
    [TestCase(17134UL, "17134")]
    public void NtBuildNumberShowsTheBuildAndItsFlags(ulong value, string text)
    {
        Assert.That(Aff4InfoReport.NtBuildNumberText(value), Is.EqualTo(text));
    }

    [Test]
    public void InfoTurtlePrintsTheRawMetadata()
    {
        var result = MemFsProcess.Run("aff4", "info", Sample("AFF4Std/Base-Linear.aff4"), "--turtle");
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Text, Does.Contain("@prefix").And.Contain("aff4:ImageStream"));
    }

    [Test]
    public void CatWritesExactlyTheRequestedBytes()
    {
        var result = MemFsProcess.Run("aff4", "cat", Sample("AFF4Std/Base-Linear.aff4"), "--offset", "0xFD3000", "--length", "629087");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Has.Length.EqualTo(629087));
        Assert.That(Convert.ToHexStringLower(SHA1.HashData(result.Stdout)), Is.EqualTo("5a2fee16139c7b017b7f1961d842d355a860c7ac"));
    }

    [Test]
    public void CatSelectsByFilePathAndCategory()
    {
        var file = "synthetic/synthetic-winpmem33-caff4.aff4";
        var expected = ExpectedValues.For(file);
        var driver = MemFsProcess.Run("aff4", "cat", Sample(file), "--file", @"c:\windows\system32\ntoskrnl.exe");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(driver.Stdout)),
            Is.EqualTo(expected.GetProperty("files").GetProperty(@"C:\Windows\SysNative\ntoskrnl.exe").GetProperty("sha256").GetString()));
        var pagefile = MemFsProcess.Run("aff4", "cat", Sample(file), "--category", "memory/pagefile");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(pagefile.Stdout)), Is.EqualTo(expected.GetProperty("pagefiles")[0].GetProperty("sha256").GetString()));
        var memory = MemFsProcess.Run("aff4", "cat", Sample(file));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(memory.Stdout)), Is.EqualTo(expected.GetProperty("physical_memory").GetProperty("sha256").GetString()));
    }

    /// <summary>A Rekall 2015-style volume keeps the tools it ran under relative names (fcat.exe): --file finds them by name.</summary>
    [Test]
    public void CatFindsALegacyVolumesStreamByItsOwnName()
    {
        const string volume = "aff4://7b2a0c1e-0000-4000-8000-000000002015";
        var tool = Enumerable.Range(0, 9000).Select(i => (byte)(i * 31 + 7)).ToArray();
        var log = "fcat ran\n"u8.ToArray();
        var builder = new TestAff4VolumeBuilder(volume, writeVersionTxt: false);
        builder.AddImageStream(volume + "/fcat.exe", tool, 4096, 4, CompressionMethod.Zlib, BevyIndexLayout.LegacyStartOffsets,
            legacyVocabulary: true, storeIncompressibleRaw: false);
        builder.AddImageStream(volume + "/logs/fcat.log", log, 4096, 4, CompressionMethod.Zlib, BevyIndexLayout.LegacyStartOffsets,
            legacyVocabulary: true, storeIncompressibleRaw: false);
        builder.AddImageStream(volume + "/other/fcat.log", log, 4096, 4, CompressionMethod.Zlib, BevyIndexLayout.LegacyStartOffsets,
            legacyVocabulary: true, storeIncompressibleRaw: false);
        var directory = Directory.CreateTempSubdirectory("memfs-cli-").FullName;
        try
        {
            var path = builder.WriteTo(directory, "rekall-2015.aff4");
            var byName = MemFsProcess.Run("aff4", "cat", path, "--file", "FCAT.EXE");
            Assert.That(byName.ExitCode, Is.Zero, byName.Stderr);
            Assert.That(byName.Stdout, Is.EqualTo(tool));
            var ambiguous = MemFsProcess.Run("aff4", "cat", path, "--file", "fcat.log");
            Assert.That(ambiguous.ExitCode, Is.Not.Zero);
            Assert.That(ambiguous.Stderr, Does.Contain("names 2 objects").And.Contain(volume + "/logs/fcat.log").And.Contain(volume + "/other/fcat.log"));
            var missing = MemFsProcess.Run("aff4", "cat", path, "--file", "winpmem.exe");
            Assert.That(missing.ExitCode, Is.Not.Zero);
            Assert.That(missing.Stderr, Does.Contain("no acquired file has the Windows path or name 'winpmem.exe'"));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Test]
    public void HashVerifyReportsEveryStoredHash()
    {
        var file = "AFF4Std/Base-Linear.aff4";
        var result = MemFsProcess.Run("aff4", "hash", Sample(file), "--verify");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var linear = ExpectedValues.For(file).GetProperty("map").GetProperty("linear_hash");
        Assert.That(result.Text, Does.Contain(linear.GetProperty("md5").GetString()).And.Contain(linear.GetProperty("sha256").GetString()));
        Assert.That(result.Text, Does.Match(@"OK\s+Hash md5 of " + Regex.Escape(ExpectedValues.For(file).GetProperty("stream").GetProperty("urn").GetString()!)));
        Assert.That(result.Text, Does.Contain("not verified ImageStreamHash"));
        Assert.That(result.Text, Does.Not.Contain("MISMATCH"));
        Assert.That(result.Stderr, Does.Contain("hashes match"));
    }

    [Test]
    public void HashVerifyFailsOnATamperedVolume()
    {
        var file = "AFF4Std/Base-Linear.aff4";
        var copy = Path.Combine(Directory.CreateTempSubdirectory("memfs-cli-").FullName, "tampered.aff4");
        File.Copy(Sample(file), copy);
        try
        {
            TamperWithMapSegment(copy, ExpectedValues.For(file).GetProperty("map").GetProperty("urn").GetString()!);
            var result = MemFsProcess.Run("aff4", "hash", copy, "--verify");
            Assert.That(result.ExitCode, Is.EqualTo(3));
            Assert.That(result.Text, Does.Match(@"MISMATCH\s+MapPointHash"));
            Assert.That(result.Stderr, Does.Contain("FAILED"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, true);
        }
    }

    [Test]
    public void BadInputGivesOneClearErrorAndANonZeroExitCode()
    {
        var directory = Directory.CreateTempSubdirectory("memfs-cli-").FullName;
        try
        {
            var truncated = Path.Combine(directory, "truncated.aff4");
            File.WriteAllBytes(truncated, File.ReadAllBytes(Sample("AFF4Std/Base-Linear.aff4"))[..100_000]);
            var result = MemFsProcess.Run("aff4", "info", truncated);
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Stderr, Does.StartWith("memfs: error: ").And.Contain(truncated).And.Contain("offset 0x"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace for bad input");

            var badOffset = MemFsProcess.Run("aff4", "cat", Sample("AFF4Std/Base-Linear.aff4"), "--offset", "12zz");
            Assert.That(badOffset.ExitCode, Is.EqualTo(2));
            Assert.That(badOffset.Stderr, Does.Contain("--offset '12zz'"));

            var noFile = MemFsProcess.Run("aff4", "cat", Sample("AFF4Std/Base-Linear.aff4"), "--file", @"C:\nothing.sys");
            Assert.That(noFile.ExitCode, Is.EqualTo(2));
            Assert.That(noFile.Stderr, Does.Contain(@"C:\nothing.sys"));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    /// <summary>Flips one byte of the map's entry table (a stored member) so the stated map hashes no longer hold.</summary>
    private static void TamperWithMapSegment(string path, string mapUrn)
    {
        long offset;
        using (var image = Aff4Image.Open(path))
        {
            var segment = image.Volumes.FindSegment(mapUrn + "/map")!;
            offset = segment.Volume.StoredDataStart(segment.Member) + 28 * 5 + 3;
        }
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x01));
    }
}
