using System.Security.Cryptography;
using System.Text;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using NUnit.Framework;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Demo;

/// <summary>
/// The demo image, written to a file and read back through MemFs's production code only: the AFF4 memory image, the
/// kernel, the processes (linked and hidden), their VADs and modules, and page contents in every state.
/// </summary>
public class DemoImageTests
{
    private string _directory = "";
    private string _path = "";
    private DemoSystem _demo = null!;
    private PhysicalImage _image = null!;
    private ExtendedPhysicalSpace _space = null!;
    private WindowsSystem _system = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _demo = new DemoSystem();
        _directory = Directory.CreateTempSubdirectory("memfs-demo-").FullName;
        _path = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_path, DemoImageBuilder.Build(_demo));
        _image = PhysicalImageOpener.Open(_path);
        _space = TranslationSources.Build(_image, [], null, out _);
        _system = WindowsSystem.Open(_image, _space, SymbolOptions.None);
    }

    [OneTimeTearDown]
    public void Close()
    {
        _space.Dispose();
        _image.Dispose();
        Directory.Delete(_directory, true);
    }

    private ProcessInfo Linked(string name) => _system.Processes.Single(p => p.Name == name);

    /// <summary>malware.exe is not on the list: read from its EPROCESS, as a tool does after the pool scan found it.</summary>
    private ProcessInfo Hidden() =>
        new ProcessReader(_system.Kernel, _system.Layouts.Eprocess).Read(_demo["malware.exe"].Eprocess, inActiveList: false, out var problem)
        ?? throw new AssertionException($"malware.exe's EPROCESS cannot be read: {problem}");

    private ProcessInfo Process(string name) => name == "malware.exe" ? Hidden() : Linked(name);

    private byte[] Read(string process, ulong va, int length = Page)
    {
        var bytes = new byte[length];
        _system.ProcessMemory(Process(process)).Read(va, bytes);
        return bytes;
    }

    private Resolution Resolve(string process, ulong va) => _system.ProcessMemory(Process(process)).Translate(va, NoTrace.Instance);

    [Test]
    public void TheFileIsAnAff4MemoryImageWithItsRunsFactsAndSources()
    {
        Assert.That(_image.Aff4, Is.Not.Null);
        Assert.That(_image.Format, Does.Contain("AFF4"));
        Assert.That(_image.Facts.DirectoryTableBase, Is.EqualTo(_demo.Image.Dtb));
        Assert.That(_image.Facts.KernelBase, Is.EqualTo(_demo.Kernel.KernelBase));
        Assert.That(_image.Facts.BuildNumber, Is.EqualTo(19041));
        var expected = new List<(long, long)>();
        foreach (var (start, length) in _demo.Runs)
        {
            if (_demo.UnreadablePage >= start && _demo.UnreadablePage < start + length)
            {
                expected.Add((start, _demo.UnreadablePage - start));
                expected.Add((_demo.UnreadablePage + Page, start + length - _demo.UnreadablePage - Page));
            }
            else expected.Add((start, length));
        }
        Assert.That(_image.Memory.Runs.Select(r => (r.Start, r.Length)), Is.EqualTo(expected));
        Assert.That(_demo.Runs[0], Is.EqualTo((0x1000L, 0x9E000L)));
        Assert.That(new FileInfo(_path).Length, Is.LessThan(4 << 20), "the demo image stays small");

        var placed = _space.Regions.Select(r => r.ToString()).ToList();
        Assert.That(placed, Has.Some.Contains("pagefile"));
        Assert.That(_demo.AcquiredFiles.Keys, Is.EquivalentTo(new[] { DemoDllPath, DemoSysPath, NotesPath }));
    }

    [Test]
    public void TheKernelIsFoundAtItsBaseWithItsPdbAndBuild()
    {
        Assert.That(_system.Identity!.Base, Is.EqualTo(TestKernelImage.Windows10Base));
        Assert.That(_system.Identity.PdbId, Is.EqualTo(TestPeImage.PdbId));
        Assert.That(_system.Identity.Build, Is.EqualTo(19041));
        Assert.That(_system.KernelModules().Modules.Select(m => (m.Base, m.Size, m.FullName)), Is.EqualTo(_demo.KernelModuleList));
    }

    [Test]
    public void TheLinkedProcessesAreListedWithTheirParentsPathsAndPageTables()
    {
        var expected = _demo.Kernel.Processes.Select(p => ((long)p.Pid, p.Name))
            .Concat(_demo.Processes.Where(p => p.Linked).Select(p => (p.Pid, p.Name)));
        Assert.That(_system.Processes.Select(p => (p.Pid, p.Name)), Is.EqualTo(expected));
        foreach (var built in _demo.Processes.Where(p => p.Linked))
        {
            var found = Linked(built.Name);
            Assert.That((found.Eprocess, found.ParentPid, found.Dtb, found.Peb, found.CreateTime),
                Is.EqualTo((built.Eprocess, (long?)built.Ppid, built.Dtb, (ulong?)built.Peb, (DateTime?)built.Created)), built.Name);
            Assert.That((found.ImagePath, found.CommandLine), Is.EqualTo(((string?)built.ImagePath, (string?)built.CommandLine)), built.Name);
        }
        Assert.That(Linked("explorer.exe").ParentPid, Is.EqualTo(ExplorerParentPid));
        Assert.That(Linked("notepad.exe").ParentPid, Is.EqualTo(ExplorerPid));
        Assert.That(_demo.Processes.Select(p => p.Dtb).Append(_demo.Image.Dtb).Distinct().Count(), Is.EqualTo(4), "every process has its own page tables");
        Assert.That(_system.Warnings.Where(w => w.Contains("process list")), Is.Empty);
    }

    [Test]
    public void ThePoolScanFindsTheHiddenProcess()
    {
        var hidden = _system.UnlinkedProcesses();
        Assert.That(hidden.Select(c => (c.Pid, c.Name, c.ParentPid)), Is.EqualTo(new[] { (MalwarePid, "malware.exe", (long?)ExplorerPid) }));
        Assert.That(hidden[0].Dtb, Is.EqualTo(_demo["malware.exe"].Dtb));
        Assert.That(Hidden().Pid, Is.EqualTo(MalwarePid));
        Assert.That(_system.Processes.Select(p => p.Name), Does.Not.Contain("malware.exe"));
    }

    [Test]
    public void ThePoolScanReportsItsProgressUpToEveryPhysicalByte()
    {
        var reports = new ProgressRecorder();
        _system.UnlinkedProcesses(progress: reports);
        Assert.That(reports.Values, Has.Count.GreaterThan(2));
        Assert.That(reports.Values, Is.Ordered);
        Assert.That(reports.Values[^1], Is.EqualTo(_image.BackedBytes).And.GreaterThan(1L << 20));
    }

    private sealed class ProgressRecorder : IProgress<long>
    {
        public List<long> Values { get; } = [];
        public void Report(long value) => Values.Add(value);
    }

    [TestCase("explorer.exe")]
    [TestCase("notepad.exe")]
    [TestCase("malware.exe")]
    public void EachProcessHasTheVadsItWasBuiltWith(string name)
    {
        var built = _demo[name];
        var read = _system.Vads(Process(name)).Vads;
        Assert.That(read.Select(v => (v.Start, v.End, v.IsPrivate, v.MemCommit, v.Protection, v.FileName, v.FirstPrototypePte, v.Address)),
            Is.EqualTo(built.Vads.Select(v => (v.Start, v.End, v.IsPrivate, v.MemCommit, v.Protection, v.FileName, v.FirstPrototypePte, v.Address))));
        Assert.That(read.Where(v => v.FileName is not null).Select(v => v.Kind), Has.All.Contains("Vad "));
    }

    [TestCase("explorer.exe")]
    [TestCase("notepad.exe")]
    [TestCase("malware.exe")]
    public void EachProcessHasTheModulesItWasBuiltWith(string name)
    {
        var modules = _system.Modules(Process(name));
        Assert.That(modules.Problems, Is.Empty);
        Assert.That(modules.Modules.Select(m => (m.Base, m.Size, m.FullName!)), Is.EqualTo(_demo[name].Modules));
    }

    [Test]
    public void AValidHeapPageReadsItsText()
    {
        Assert.That(Resolve("notepad.exe", NotepadHeap + 2 * Page).State, Is.EqualTo(PageState.Valid));
        Assert.That(Read("notepad.exe", NotepadHeap + 2 * Page), Is.EqualTo(TextPage(Line("notepad.exe", "heap", 2))));
        Assert.That(Read("explorer.exe", ExplorerHeap + 5 * Page), Is.EqualTo(TextPage(Line("explorer.exe", "heap", 5))));
        Assert.That(Read("explorer.exe", ExplorerStack + 15 * Page), Is.EqualTo(TextPage(Line("explorer.exe", "stack", 15))));
    }

    [Test]
    public void TheDocumentBufferHasAPageInEveryPrivateState()
    {
        var states = Enumerable.Range(0, 16).Select(page => Resolve("notepad.exe", NotepadDocument + (ulong)page * Page)).ToList();
        PageState[] expected =
        [
            PageState.Valid, PageState.Valid, PageState.Pagefile, PageState.Pagefile, PageState.Pagefile, PageState.Transition, PageState.Transition,
            .. Enumerable.Repeat(PageState.DemandZero, 9),
        ];
        Assert.That(states.Select(s => s.State), Is.EqualTo(expected));
        Assert.That(states, Has.All.Matches<Resolution>(r => r.Readable));
    }

    [Test]
    public void APagefilePageIsReadFromTheVolumesPagefile()
    {
        var va = NotepadDocument + 3 * Page;
        var resolution = Resolve("notepad.exe", va);
        Assert.That((resolution.State, resolution.Location!.Value.PagefileNumber), Is.EqualTo((PageState.Pagefile, (int?)0)));
        Assert.That(Read("notepad.exe", va), Is.EqualTo(TextPage(Line("notepad.exe", "document", 3, PagefileNote))));
    }

    [Test]
    public void ATransitionPageIsReadFromItsFrame()
    {
        var va = NotepadDocument + 6 * Page;
        Assert.That(Resolve("notepad.exe", va).State, Is.EqualTo(PageState.Transition));
        Assert.That(Read("notepad.exe", va), Is.EqualTo(TextPage(Line("notepad.exe", "document", 6, TransitionNote))));
    }

    [Test]
    public void DemandZeroPagesReadAsZeros()
    {
        foreach (var va in new[] { NotepadDocument + 7 * Page, NotepadDocument + 12 * Page, NotepadHeap + 9 * Page, ExplorerStack + 13 * Page })
        {
            Assert.That(Resolve(va == ExplorerStack + 13 * Page ? "explorer.exe" : "notepad.exe", va).State, Is.EqualTo(PageState.DemandZero), $"0x{va:X}");
        }
        Assert.That(Read("notepad.exe", NotepadDocument + 7 * Page, 2 * Page), Is.EqualTo(new byte[2 * Page]));
    }

    [Test]
    public void AReservedStackPageCannotBeRead()
    {
        var resolution = Resolve("notepad.exe", NotepadStack);
        Assert.That(resolution.State, Is.EqualTo(PageState.Reserved));
        Assert.That(resolution.Reason, Does.Contain("reserved"));
        Assert.Throws<UnresolvableMemoryException>(() => Read("notepad.exe", NotepadStack));
    }

    [TestCase("notepad.exe")]
    [TestCase("explorer.exe")]
    public void DemoDllReadsAsTheAcquiredFileInEveryState(string process)
    {
        var states = Enumerable.Range(0, DemoDllPages).Select(page => Resolve(process, DemoDll + (ulong)page * Page).State);
        Assert.That(states, Is.EqualTo(new[]
        {
            PageState.Valid, PageState.Valid, PageState.FileMapping, PageState.FileMapping, PageState.Transition, PageState.FileMapping,
        }));
        Assert.That(Read(process, DemoDll, DemoDllPages * Page), Is.EqualTo(_demo.DemoDllBytes));
        Assert.That(Encoding.ASCII.GetString(_demo.DemoDllBytes, 0, 2), Is.EqualTo("MZ"));
    }

    [Test]
    public void APageOnlyInDemoDllComesThroughTheSubsectionFromTheVolume()
    {
        var va = DemoDll + 2 * Page;
        var resolution = Resolve("notepad.exe", va);
        Assert.That((resolution.State, resolution.ViaPrototype, resolution.Location!.Value.FilePath), Is.EqualTo((PageState.FileMapping, true, @"\Windows\System32\demo.dll")));
        Assert.That(resolution.Location.Value.Offset, Is.EqualTo(2 * Page));
        Assert.That(Read("notepad.exe", va), Is.EqualTo(_demo.DemoDllBytes.AsSpan(2 * Page, Page).ToArray()));
        Assert.That(Encoding.ASCII.GetString(Read("notepad.exe", va, 64)), Does.StartWith("MemFs demo: demo.dll .text page 1"));
    }

    [Test]
    public void TheNotesViewReadsTheMappedDataFile()
    {
        Assert.That(Enumerable.Range(0, 2).Select(page => Resolve("notepad.exe", NotepadNotesView + (ulong)page * Page).State),
            Is.EqualTo(new[] { PageState.FileMapping, PageState.FileMapping }));
        Assert.That(Read("notepad.exe", NotepadNotesView, 2 * Page), Is.EqualTo(_demo.NotesBytes));
    }

    [Test]
    public void TheHiddenProcessHoldsItsBeaconAndInjectedCode()
    {
        Assert.That(Encoding.ASCII.GetString(Read("malware.exe", MalwareHeap + Page)), Does.Contain(MalwareUrl));
        Assert.That(Encoding.ASCII.GetString(Read("malware.exe", MalwareInjected, 2)), Is.EqualTo("MZ"));
        Assert.That(_system.Vads(Hidden()).FindVad(MalwareInjected)!.Protection, Is.EqualTo(6), "EXECUTE_READWRITE");
    }

    [Test]
    public void ProcessesDoNotSeeEachOthersMemory()
    {
        // The same address in two processes: notepad's document buffer is not mapped in explorer.
        Assert.That(Resolve("explorer.exe", NotepadDocument).State, Is.EqualTo(PageState.Free));
        // The same PEB address in each process, each with its own image base.
        Assert.That(BitConverter.ToUInt64(Read("explorer.exe", Linked("explorer.exe").Peb!.Value + 0x10, 8)), Is.EqualTo(ExplorerExe));
        Assert.That(BitConverter.ToUInt64(Read("notepad.exe", Linked("notepad.exe").Peb!.Value + 0x10, 8)), Is.EqualTo(NotepadExe));
        Assert.That(_system.ProcessMemory(Linked("System")).Translate(PebRegion, NoTrace.Instance).State, Is.EqualTo(PageState.Free),
            "the System process has no user space");
    }

    [Test]
    public void TheImageIsTheSameBytesEveryTime()
    {
        var first = SHA256.HashData(DemoImageBuilder.Build());
        var second = SHA256.HashData(DemoImageBuilder.Build());
        Assert.That(Convert.ToHexString(second), Is.EqualTo(Convert.ToHexString(first)));
        Assert.That(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(_path))), Is.EqualTo(Convert.ToHexString(first)));

        var written = Path.Combine(_directory, "written.aff4");
        DemoImageBuilder.Write(written);
        Assert.That(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(written))), Is.EqualTo(Convert.ToHexString(first)));
    }
}
