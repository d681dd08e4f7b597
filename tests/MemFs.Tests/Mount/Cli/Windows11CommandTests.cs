using System.Text.Json;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Windows 11 through the CLI as a user runs it (no --symbols): a synthetic raw image per build whose objects are laid
/// out with one profile and read back with the one MemFs picks by itself. 22000: laid out with the real JPCERT ISF of
/// kernel 0CE4A95C…-1, read with the embedded 22000 family. 22621 and 26100: laid out with the header-derived families
/// (and boot processes with TestEprocessLayout's own transcription of the 24H2 EPROCESS), read with the same families
/// found by build — this proves the code paths for those layouts (24H2's moved EPROCESS, VAD commit without u1), not the
/// header values themselves. The kernel's PDB GUID is in no pack, so nothing is matched by GUID.
/// </summary>
[TestFixture(22000u)]
[TestFixture(22621u)]
[TestFixture(26100u)]
public class Windows11CommandTests(uint build)
{
    private const string Isf22000 = "0CE4A95C0CD782A7596B034D8648E585-1";
    private static readonly Guid UnknownKernel = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private const ulong ReservedStart = 0x0000_0000_0030_0000;
    private const ulong MarkerPage = SyntheticWindowsRaw.PrivateStart + 0x3000;
    private const ulong FileBackedPte = 0xFFFF_8000_1234_5670;

    private SyntheticWindowsRaw _image = null!;

    private string Explorer => _image.Explorer.Pid.ToString();

    [OneTimeSetUp]
    public void Build()
    {
        var layout = build == 26100 ? TestEprocessLayout.Windows11_24H2 : TestEprocessLayout.Windows10 with { Build = build };
        var profile = build == 22000 ? KernelProfiles.Isf(Isf22000) : KernelPack.Embedded.TryGetFamily(build, out _)!;
        _image = new SyntheticWindowsRaw(layout, profile, new TestKernelOptions { PdbGuid = UnknownKernel });
        var explorer = _image.Explorer;
        explorer.Vads.Add(new VadDescriptor(ReservedStart, ReservedStart + 0xFFFF, true, false, 4, 0, 0, 0, null, Kind: "VadS"));
        _image.Objects.WriteVadTree(explorer);
        // The Windows 11 22H2+ file-backed PTE format inside the committed private VAD (on 22000 the same bits are no such thing).
        _image.Kernel.Image.SetPte(MarkerPage, FileBackedPte);
        File.WriteAllBytes(_image.Raw, _image.Kernel.Image.Physical.ToRaw());
    }

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    [Test]
    public void InfoNamesTheFamilyTheOffsetsCameFromWithoutTheNearestLowerWarning()
    {
        var result = MemFsProcess.Run("info", _image.Raw);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text + result.Stderr, Does.Not.Contain("nearest lower family"));
        Assert.That(result.Text, Does.Contain(build == 22000 ? "embedded pack (family 22000)" : $"not from a PDB (family {build})"));
    }

    [Test]
    public void PsListsTheProcessesWithTheirCommandLines()
    {
        var result = MemFsProcess.Run("ps", _image.Raw, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToArray();
        Assert.That(rows.Select(p => (p.GetProperty("pid").GetInt64(), p.GetProperty("name").GetString())),
            Is.EqualTo(_image.Kernel.Processes.Select(p => ((long)p.Pid, p.Name)).Append((_image.Explorer.Pid, _image.Explorer.Name))));
        var explorer = rows.Single(p => p.GetProperty("name").GetString() == "explorer.exe");
        Assert.That(explorer.GetProperty("commandLine").GetString(), Is.EqualTo(_image.Explorer.CommandLine));
        Assert.That(explorer.GetProperty("eprocess").GetString(), Is.EqualTo($"0x{_image.Explorer.Eprocess:X}"));
    }

    [Test]
    public void VadsComeBackWithKindProtectionAndCommit()
    {
        var result = MemFsProcess.Run("vads", _image.Raw, "--pid", Explorer, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var vads = JsonDocument.Parse(result.Text).RootElement.EnumerateArray()
            .Select(v => (v.GetProperty("start").GetString(), v.GetProperty("kind").GetString(), v.GetProperty("protection").GetString(),
                v.GetProperty("private").GetBoolean(), v.GetProperty("committed").GetBoolean(), v.GetProperty("file").GetString()))
            .ToArray();
        Assert.That(vads, Is.EqualTo(new[]
        {
            ($"0x{SyntheticWindowsRaw.PrivateStart:X}", "private", "READWRITE", true, true, (string?)null),
            ($"0x{ReservedStart:X}", "private", "READWRITE", true, false, null),
            ("0x7FF812340000", "image", "EXECUTE_WRITECOPY", false, false, @"\Windows\System32\ntdll.dll"),
        }));
    }

    [Test]
    public void ModulesOfTheProcessAndTheKernel()
    {
        var process = MemFsProcess.Run("modules", _image.Raw, "--pid", Explorer, "--json");
        Assert.That(process.ExitCode, Is.Zero, process.Stderr);
        Assert.That(JsonDocument.Parse(process.Text).RootElement.EnumerateArray().Select(m => m.GetProperty("path").GetString()),
            Is.EqualTo(_image.Explorer.Modules.Select(m => m.FullName)));
        var kernel = MemFsProcess.Run("modules", _image.Raw, "--json");
        Assert.That(JsonDocument.Parse(kernel.Text).RootElement.EnumerateArray().Select(m => m.GetProperty("path").GetString()),
            Is.EqualTo(_image.Objects.KernelModules.Select(m => m.FullName)));
    }

    [Test]
    public void VmemReadsTheValidPageAndTheReservedRangeIsAHole()
    {
        var vmem = _image.ExplorerDirectory + "/vmem";
        var valid = MemFsProcess.Run("cat", _image.Raw, vmem, "--offset", $"0x{SyntheticWindowsRaw.ValidPage:X}", "--length", "4K");
        Assert.That(valid.ExitCode, Is.Zero, valid.Stderr);
        Assert.That(valid.Stdout, Is.EqualTo(_image.ValidPageBytes));
        var vadmap = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/vadmap.txt").Text;
        Assert.That(vadmap, Does.Contain($"0x{ReservedStart:X16}").And.Contain("Reserved: never committed"), "commit read right: the reserved VAD is not demand zero");
    }

    [Test]
    public void TheMinidumpAndFindingsReadWhetherOrNotTheFamilyHasTheThreadMembers()
    {
        var threads = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/threads.txt");
        Assert.That(threads.ExitCode, Is.Zero, threads.Stderr);
        var dump = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/minidump.dmp");
        Assert.That(dump.ExitCode, Is.Zero, dump.Stderr);
        Assert.That(dump.Stdout.Take(4), Is.EqualTo("MDMP"u8.ToArray()));
        var findings = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/findings.txt");
        Assert.That(findings.ExitCode, Is.Zero, findings.Stderr);
        Assert.That(findings.Text, Does.StartWith("# "));
    }

    [Test]
    public void TheWindows11FileBackedPteIsItsOwnStateWithItsRawValueFrom22621()
    {
        var raw = $"0x{FileBackedPte:X16}";
        var vtop = MemFsProcess.Run("vtop", _image.Raw, "--pid", Explorer, $"0x{MarkerPage:X}");
        if (build < 22621)
        {
            Assert.That(vtop.Text, Does.Not.Contain("file-backed PTE").And.Contain("Unresolvable"), "before 22H2 the format does not exist: " + vtop.Text);
            return;
        }
        Assert.That(vtop.Text, Does.Contain("file-backed PTE (Windows 11 22H2+)").And.Contain(raw), vtop.Text + vtop.Stderr);
        Assert.That(vtop.Text, Does.Contain("File-backed PTE: Windows 11 22H2+ file-backed PTE " + raw));

        string MarkerLine(params string[] options) => MemFsProcess.Run(["cat", _image.Raw, _image.ExplorerDirectory + "/vadmap.txt", .. options]).Text
            .Split('\n').Single(l => l.Contains($"0x{MarkerPage:X16}"));
        Assert.That(MarkerLine(), Does.Contain("File-backed PTE (Windows 11 22H2+)").And.Contain(raw).And.EndWith("— hole").And.Not.Contain("Unresolvable"));
        Assert.That(MarkerLine("--strict"), Does.Contain("File-backed PTE (Windows 11 22H2+)").And.EndWith("EIO (--strict)"));

        var coverage = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/coverage.txt").Text;
        Assert.That(coverage, Does.Contain("Windows 11 22H2+ file-backed PTE (encoding undocumented)"), coverage);

        var strict = MemFsProcess.Run("cat", _image.Raw, _image.ExplorerDirectory + "/vmem", "--offset", $"0x{MarkerPage:X}", "--length", "4K", "--strict");
        Assert.That(strict.ExitCode, Is.EqualTo(1));
        Assert.That(strict.Stderr, Does.Contain(raw));
    }

    [Test]
    public void OnlyTheFileBackedPageIsMarkedTheNeighboursResolve()
    {
        var next = MemFsProcess.Run("vtop", _image.Raw, "--pid", Explorer, $"0x{MarkerPage + 0x1000:X}");
        Assert.That(next.Text, Does.Contain("Demand Zero").Or.Contain("demand zero"), next.Text + next.Stderr);
        Assert.That(next.Text, Does.Not.Contain("file-backed PTE"));
    }
}
