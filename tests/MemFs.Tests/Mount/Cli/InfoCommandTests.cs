using System.Text.Json;
using MemFs.Tests.Aff4.Reference;
using MemFs.Tests.Support;
using MemFs.Tests.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

public class InfoCommandTests
{
    private static JsonElement CrashDumpExpected(string file) =>
        JsonDocument.Parse(File.ReadAllText(SharedData.Require("crashdump/expected.json"))).RootElement.GetProperty(file);

    [Test]
    public void TriageDumpShowsHeaderFactsAndItsDriverList()
    {
        var path = SharedData.Require("crashdump/triage_x64.dmp");
        var header = CrashDumpExpected("triage_x64.dmp").GetProperty("DUMP_HEADER64");
        var result = MemFsProcess.Run("info", path, "--modules");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("Windows crash dump").And.Contain("triage"));
        foreach (var field in new[] { "DirectoryTableBase", "PsActiveProcessHead", "PsLoadedModuleList", "KdDebuggerDataBlock", "BugCheckCode" })
            Assert.That(result.Text, Does.Contain(Convert.ToUInt64(header.GetProperty(field).GetString(), 16).ToString("X")), field);
        Assert.That(result.Text, Does.Contain("19041"));
        Assert.That(result.Text, Does.Contain("151 listed by the image"));
        Assert.That(result.Text, Does.Contain(@"\SystemRoot\System32\drivers\amdppm.sys").And.Contain("FFFFF8048B580000"));
        Assert.That(result.Text, Does.Contain("0 runs"));
    }

    [Test]
    public void FullDumpFragmentShowsItsRunsAndTheTruncation()
    {
        var path = SharedData.Require("crashdump/dmp64.hexpat.bin");
        var result = MemFsProcess.Run("info", path);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("full (run-based)"));
        foreach (var run in CrashDumpExpected("dmp64.hexpat.bin").GetProperty("PhysicalMemoryBlock_at_0x88").GetProperty("runs").EnumerateArray())
        {
            var start = Convert.ToInt64(run.GetProperty("pa_start").GetString(), 16);
            var end = Convert.ToInt64(run.GetProperty("pa_end").GetString(), 16);
            Assert.That(result.Text, Does.Contain($"0x{start:X12} - 0x{end:X12}"));
        }
        Assert.That(result.Text, Does.Contain("truncated"));
        Assert.That(result.Text, Does.Contain("PML4 at 0x1AD000"));
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(ExpectedValues.SyntheticMemoryImages))]
    public void Aff4MemoryImagesShowRunsDtbAndPagefiles(string file)
    {
        var result = MemFsProcess.Run("info", ExpectedValues.PathOf(file));
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var memory = ExpectedValues.For(file).GetProperty("physical_memory");
        Assert.That(result.Text, Does.Contain("AFF4 memory image"));
        Assert.That(result.Text, Does.Contain($"0x{memory.GetProperty("information_yaml").GetProperty("CR3").GetInt64():X}"));
        Assert.That(result.Text, Does.Contain("pagefile 0:"));
        Assert.That(result.Text, Does.Contain("0x000000001000 - 0x00000009F000"));
        if (memory.Optional("unreadable_pages") is not null) Assert.That(result.Text, Does.Contain("not readable: UnreadableData"));
    }

    [Test]
    public void RawImageWithPagefileAndFileTreeArguments()
    {
        var directory = Directory.CreateTempSubdirectory("memfs-info-").FullName;
        try
        {
            var raw = Path.Combine(directory, "memory.bin");
            File.WriteAllBytes(raw, TestPhysicalPages.Bytes(0, 8 * 4096));
            var pagefile = Path.Combine(directory, "pagefile.sys");
            File.WriteAllBytes(pagefile, new byte[8192]);
            Directory.CreateDirectory(Path.Combine(directory, "C", "Windows"));
            File.WriteAllBytes(Path.Combine(directory, "C", "Windows", "notepad.exe"), [1, 2, 3]);

            var result = MemFsProcess.Run("info", raw, "--pagefile", $"0={pagefile}", "--files", Path.Combine(directory, "C"));
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Text, Does.Contain("raw").And.Contain("32,768 bytes backed in 1 runs"));
            Assert.That(result.Text, Does.Contain("pagefile 0:").And.Contain("8,192 bytes"));
            Assert.That(result.Text, Does.Contain("file tree:").And.Contain("1 files"));

            var missing = MemFsProcess.Run("info", raw, "--pagefile", Path.Combine(directory, "nope.sys"));
            Assert.That(missing.ExitCode, Is.Not.Zero);
            Assert.That(missing.Stderr, Does.Contain("nope.sys"));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Test]
    public void PhysicalCatReadsBytesAndRefusesHolesUnlessAsked()
    {
        var raw = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(raw, TestPhysicalPages.Bytes(0, 4 * 4096));
            var bytes = MemFsProcess.Run("physical", "cat", raw, "--offset", "0x1F00", "--length", "0x200");
            Assert.That(bytes.ExitCode, Is.Zero, bytes.Stderr);
            Assert.That(bytes.Stdout, Is.EqualTo(TestPhysicalPages.Bytes(0x1F00, 0x200)));

            var hole = MemFsProcess.Run("physical", "cat", raw, "--offset", "0x3F00", "--length", "0x200");
            Assert.That(hole.ExitCode, Is.EqualTo(1));
            Assert.That(hole.Stderr, Does.Contain("physical address 0x4000 is not in the image"));

            var zeroed = MemFsProcess.Run("physical", "cat", raw, "--offset", "0x3F00", "--length", "0x200", "--zero-holes");
            Assert.That(zeroed.ExitCode, Is.Zero);
            Assert.That(zeroed.Stdout[..0x100], Is.EqualTo(TestPhysicalPages.Bytes(0x3F00, 0x100)));
            Assert.That(zeroed.Stdout[0x100..], Is.All.EqualTo(0));
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
