using System.Text.Json;
using MemFs.Tests.Support;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Translate.Windows.Vads;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs ps</c>, <c>vads</c>, <c>modules</c>, <c>info</c> and <c>vtop --pid</c> on a synthetic Windows 10 image
/// written out as a raw file: a kernel found by its low stub and PE header, objects laid out with the 19041 layout.
/// </summary>
public class WindowsCommandTests
{
    private SyntheticWindowsRaw _image = null!;
    private string _raw = "";
    private TestKernelImage _kernel = null!;
    private TestWindowsSystem.BuiltProcess _explorer = null!;
    private TestWindowsSystem _objects = null!;

    [OneTimeSetUp]
    public void Build()
    {
        _image = new SyntheticWindowsRaw();
        (_raw, _kernel, _explorer, _objects) = (_image.Raw, _image.Kernel, _image.Explorer, _image.Objects);
    }

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    [Test]
    public void PsListsEveryProcessAsJson()
    {
        var result = MemFsProcess.Run("ps", _raw, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var listed = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().Select(p => (p.GetProperty("pid").GetInt64(), p.GetProperty("name").GetString())).ToArray();
        var built = _kernel.Processes.Select(p => ((long)p.Pid, p.Name)).Append((_explorer.Pid, _explorer.Name)).ToArray();
        Assert.That(listed, Is.EqualTo(built));
        var explorer = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "explorer.exe");
        Assert.That(explorer.GetProperty("commandLine").GetString(), Is.EqualTo(_explorer.CommandLine));
        Assert.That(explorer.GetProperty("eprocess").GetString(), Is.EqualTo($"0x{_explorer.Eprocess:X}"));
    }

    [Test]
    public void PsScanFindsTheUnlinkedProcess()
    {
        var result = MemFsProcess.Run("ps", _raw, "--scan");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var scanned = result.Text[result.Text.IndexOf("Not on the active process list", StringComparison.Ordinal)..];
        Assert.That(scanned, Does.Contain("hidden.exe").And.Contain("10764"));
        Assert.That(scanned, Does.Not.Contain("explorer.exe"), "linked processes are not repeated");
    }

    [Test]
    public void PsScanJsonCarriesTheScannedProcessAndHowEachWasFound()
    {
        var result = MemFsProcess.Run("ps", _raw, "--scan", "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToArray();
        var hidden = rows.Single(p => p.GetProperty("name").GetString() == "hidden.exe");
        Assert.That(hidden.GetProperty("pid").GetInt64(), Is.EqualTo(_image.Hidden.Pid));
        Assert.That(hidden.GetProperty("foundBy").GetString(), Is.EqualTo("EPROCESS scan"));
        Assert.That(hidden.GetProperty("eprocess").GetString(), Is.EqualTo($"0x{_image.Hidden.Eprocess:X}"));
        Assert.That(hidden.GetProperty("physical").GetString(), Does.StartWith("0x"));
        Assert.That(rows.Single(p => p.GetProperty("name").GetString() == "explorer.exe").GetProperty("foundBy").GetString(), Is.EqualTo("active list"));
    }

    [Test]
    public void PsScanTreeShowsTheScannedProcessUnderItsParent()
    {
        var result = MemFsProcess.Run("ps", _raw, "--scan", "--tree");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var lines = result.Text.Split('\n');
        var explorer = Array.FindIndex(lines, l => l.Contains(" explorer.exe"));
        Assert.That(lines[explorer + 1], Does.Contain(" .hidden.exe*"), "the scanned child follows its parent, marked");
    }

    [Test]
    public void PsScanNamesTheUnlinkedProcessByEprocessAndPhysicalAddress()
    {
        var result = MemFsProcess.Run("ps", _raw, "--scan");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Match($@"hidden\.exe .* EPROCESS 0x{_image.Hidden.Eprocess:X} \(physical 0x[0-9A-F]+\)"));
    }

    [Test]
    public void PidFindsAProcessOnlyTheScanFinds()
    {
        var vads = MemFsProcess.Run("vads", _raw, "--pid", _image.Hidden.Pid.ToString());
        Assert.That(vads.ExitCode, Is.Zero, vads.Stderr);
        Assert.That(vads.Text, Does.StartWith($"{_image.Hidden.Pid} hidden.exe:"));
        var modules = MemFsProcess.Run("modules", _raw, "--pid", $"0x{_image.Hidden.Eprocess:X}", "--json");
        Assert.That(modules.ExitCode, Is.Zero, modules.Stderr);
        var vtop = MemFsProcess.Run("vtop", _raw, "--pid", $"0x{_image.Hidden.Eprocess:X}", "0x10000");
        Assert.That(vtop.Text, Does.StartWith($"# process {_image.Hidden.Pid} hidden.exe"), vtop.Stderr);
        var vmem = MemFsProcess.Run("vmem", "cat", _raw, "--pid", _image.Hidden.Pid.ToString(), "--offset", "0x10000", "--length", "16");
        Assert.That(vmem.Stderr, Does.Not.Contain("no process"));
    }

    [Test]
    public void AnUnknownPidSuggestsTheScan()
    {
        var result = MemFsProcess.Run("vads", _raw, "--pid", "31337");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain(_raw).And.Contain("no process with PID 31337").And.Contain("memfs ps --scan"));
    }

    [Test]
    public void PsTreeIndentsChildren()
    {
        var result = MemFsProcess.Run("ps", _raw, "--tree");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain(" .smss.exe").And.Contain("System"));
    }

    [Test]
    public void VadsListTheProcessVads()
    {
        var result = MemFsProcess.Run("vads", _raw, "--pid", _explorer.Pid.ToString(), "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var vads = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToArray();
        Assert.That(vads.Select(v => (v.GetProperty("start").GetString(), v.GetProperty("end").GetString(), v.GetProperty("file").GetString())),
            Is.EqualTo(_explorer.Vads.Select(v => ($"0x{v.Start:X}", $"0x{v.End:X}", v.FileName))));
        Assert.That(vads[1].GetProperty("protection").GetString(), Is.EqualTo("EXECUTE_WRITECOPY"));
        Assert.That(vads.Select(v => v.GetProperty("kind").GetString()), Is.EqualTo(_explorer.Vads.Select(VadKinds.NameOf)), "the vocabulary of vads.txt");
        Assert.That(vads[1].GetProperty("kind").GetString(), Is.EqualTo("image"));
        var table = MemFsProcess.Run("vads", _raw, "--pid", _explorer.Pid.ToString());
        Assert.That(table.Text, Does.Contain(" image ").And.Not.Contain("VadImageMap"));
    }

    [Test]
    public void ModulesOfAProcessAndOfTheKernel()
    {
        var process = MemFsProcess.Run("modules", _raw, "--pid", _explorer.Pid.ToString(), "--json");
        Assert.That(process.ExitCode, Is.Zero, process.Stderr);
        Assert.That(JsonDocument.Parse(process.Text).RootElement.EnumerateArray().Select(m => m.GetProperty("path").GetString()),
            Is.EqualTo(_explorer.Modules.Select(m => m.FullName)));
        var kernel = MemFsProcess.Run("modules", _raw, "--json");
        Assert.That(kernel.ExitCode, Is.Zero, kernel.Stderr);
        Assert.That(JsonDocument.Parse(kernel.Text).RootElement.EnumerateArray().Select(m => (m.GetProperty("base").GetString(), m.GetProperty("path").GetString())),
            Is.EqualTo(_objects.KernelModules.Select(m => ($"0x{m.Base:X}", m.FullName))));
    }

    [Test]
    public void InfoSaysHowTheKernelWasFoundAndWhereOffsetsCameFrom()
    {
        var result = MemFsProcess.Run("info", _raw);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("Operating system").And.Contain($"0x{_kernel.KernelBase:X}").And.Contain("5278AFF86C341677D7D7835C85B7B8441"));
        Assert.That(result.Text, Does.Contain("embedded pack (build family)").And.Contain("fields by source"));
        // The section-object layout's sources: the profile's fields plus the build table for what no profile has.
        Assert.That(result.Text, Does.Match(@"section objects: .*embedded pack.* \+ build table \(Windows 10/11 x64\)"));
        Assert.That(result.Text, Does.Contain("low stub"));
    }

    [Test]
    public void VtopWithAPidUsesTheProcessVads()
    {
        var result = MemFsProcess.Run("vtop", _raw, "--pid", _explorer.Pid.ToString(), "0x7FF812340000");
        Assert.That(result.Text, Does.Contain("# process 8000 explorer.exe").And.Contain("consulting the VAD").And.Contain("VAD 0x7FF812340000-0x7FF81237FFFF"));
    }

    [Test]
    public void TriageDumpIsIdentifiedByTheEmbeddedPackAndListsItsDrivers()
    {
        var path = SharedData.Require("crashdump/triage_x64.dmp");
        var matches = HeaderPointerMatch.Find(KernelPack.Embedded, MemFs.Translate.Physical.PhysicalImageOpener.Open(path).Facts);
        Assert.That(matches.Select(m => (m.PdbId, m.Version, m.KernelBase)), Is.EqualTo(new[] { ("5278AFF86C341677D7D7835C85B7B8441", (string?)"10.0.19041.804", 0xFFFFF8047BA00000UL) }));

        var info = MemFsProcess.Run("info", path);
        Assert.That(info.Text, Does.Contain("ntkrnlmp.pdb 5278AFF86C341677D7D7835C85B7B8441 10.0.19041.804"));

        var modules = MemFsProcess.Run("modules", path, "--json");
        Assert.That(modules.ExitCode, Is.Zero, modules.Stderr);
        var listed = JsonDocument.Parse(modules.Text).RootElement.EnumerateArray()
            .Select(m => (m.GetProperty("path").GetString(), Convert.ToUInt64(m.GetProperty("base").GetString(), 16), Convert.ToUInt32(m.GetProperty("size").GetString(), 16))).ToArray();
        var expected = File.ReadAllLines(SharedData.Require("crashdump/triage_x64.drivers.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(f => (f[1], Convert.ToUInt64(f[2], 16), Convert.ToUInt32(f[3], 16))).ToArray();
        Assert.That(listed, Is.EqualTo(expected));
        Assert.That(listed, Has.Length.EqualTo(151));
    }
}
