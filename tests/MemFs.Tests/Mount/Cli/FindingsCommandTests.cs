using System.Text.Json;
using MemFs.Tests.Demo;
using MemFs.Vfs.Executables;
using NUnit.Framework;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs findings</c> on the demo image, text and JSON, against the builder's truth: malware.exe's injected private
/// EXECUTE_READWRITE PE image, notepad.exe's demo.dll mapped without a loader entry, malware.exe found only by the scan;
/// nothing else (the demo's other processes are clean).
/// </summary>
public class FindingsCommandTests
{
    private string _directory = "";
    private string _image = "";
    private DemoSystem _demo = null!;

    [OneTimeSetUp]
    public void Build()
    {
        _demo = new DemoSystem();
        _directory = Directory.CreateTempSubdirectory("memfs-findings-").FullName;
        _image = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_image, DemoImageBuilder.Build(_demo));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    /// <summary>The builder's truth: (kind, pid, start, end) of every finding the demo holds.</summary>
    private IEnumerable<(string Kind, long Pid, ulong Start, ulong End)> Expected()
    {
        foreach (var p in _demo.Processes)
        {
            if (!p.Linked) yield return ("process-not-in-active-list", p.Pid, p.Eprocess, p.Eprocess);
            foreach (var vad in p.Vads.Where(v => v.IsPrivate && (v.Protection & 7) is 2 or 3 or 6 or 7))
                yield return ("executable-unbacked", p.Pid, vad.Start, vad.End);
            foreach (var vad in p.Vads.Where(v => LoadedImage.IsImage(v) && p.Modules.All(m => m.Base != v.Start)))
                yield return ("image-not-in-loader-list", p.Pid, vad.Start, vad.End);
        }
    }

    [Test]
    public void TheTruthHoldsTheInjectedImageAndTheUnlinkedLoaderEntry()
    {
        var expected = Expected().ToList();
        Assert.That(expected, Does.Contain(("executable-unbacked", MalwarePid, MalwareInjected, MalwareInjected + 2 * Page - 1)));
        Assert.That(expected, Does.Contain(("image-not-in-loader-list", NotepadPid, DemoDll, DemoDll + (ulong)DemoDllPages * Page - 1)));
    }

    [Test]
    public void JsonListsExactlyTheBuildersFindingsWithTheFileToOpenNext()
    {
        var result = MemFsProcess.Run("findings", _image, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToList();
        var found = rows.Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("pid").GetInt64(),
            Convert.ToUInt64(r.GetProperty("start").GetString(), 16), Convert.ToUInt64(r.GetProperty("end").GetString(), 16)));
        Assert.That(found, Is.EquivalentTo(Expected()));

        var injected = rows.Single(r => r.GetProperty("kind").GetString() == "executable-unbacked");
        Assert.That(injected.GetProperty("why").GetString(), Does.Contain("private EXECUTE_READWRITE").And.Contain("starts with an MZ/PE header").And.Contain("2 of 2 pages readable"));
        Assert.That(injected.GetProperty("next").GetString(), Is.EqualTo($"unlinked/{MalwarePid}-malware.exe/regions/0x{MalwareInjected:X12}-0x{MalwareInjected + 2 * Page - 1:X12}-private.bin"));
        var unlisted = rows.Single(r => r.GetProperty("kind").GetString() == "image-not-in-loader-list");
        Assert.That((unlisted.GetProperty("process").GetString(), unlisted.GetProperty("module").GetString(), unlisted.GetProperty("next").GetString()),
            Is.EqualTo(("notepad.exe", @"\Windows\System32\demo.dll", $"processes/{NotepadPid}-notepad.exe/modules/demo.dll")));
    }

    [Test]
    public void TextHasOneLinePerFindingAndPidSelectsAProcess()
    {
        var all = MemFsProcess.Run("findings", _image);
        Assert.That(all.ExitCode, Is.Zero, all.Stderr);
        var lines = all.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(lines, Has.Count.EqualTo(Expected().Count()));
        Assert.That(lines, Has.Some.StartWith($"executable-unbacked | {MalwarePid} malware.exe | 0x{MalwareInjected:X}-0x{MalwareInjected + 2 * Page - 1:X} | - |"));

        var notepad = MemFsProcess.Run("findings", _image, "--pid", NotepadPid.ToString());
        Assert.That(notepad.ExitCode, Is.Zero, notepad.Stderr);
        var notepadLines = notepad.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(notepadLines, Is.EqualTo(new[] { lines.Single(l => l.Contains($"| {NotepadPid} notepad.exe |")) }));
    }
}
