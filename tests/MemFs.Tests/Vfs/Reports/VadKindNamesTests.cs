using MemFs.Tests.Demo;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Producers;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>One VAD kind vocabulary: vads.txt, vadmap.txt, the regions/ file name and vmem.png's label name a VAD alike.</summary>
public class VadKindNamesTests
{
    private SessionTree _demo = null!;

    [OneTimeSetUp]
    public void Open() => _demo = SessionTree.Demo();

    [OneTimeTearDown]
    public void Close() => _demo.Dispose();

    private static VadDescriptor Vad(bool isPrivate, string? file, string kind) => new(0x10000, 0x1FFFF, isPrivate, true, 4, 0, 0, 0, file, Kind: kind);

    [TestCase(true, null, "VadS VadNone", VadKind.Private, "private", "VadS")]
    [TestCase(false, @"\Windows\System32\ntdll.dll", "Vad  VadImageMap", VadKind.Image, "image", "Vad")]
    [TestCase(false, @"\Users\analyst\notes.txt", "Vad VadNone", VadKind.MappedFile, "mapped-file", "Vad")]
    [TestCase(false, null, "Vad VadNone", VadKind.Shared, "shared", "Vad")]
    [TestCase(true, null, "Vadl VadAwe", VadKind.Awe, "awe", "Vadl")]
    [TestCase(true, null, "VadS VadWriteWatch", VadKind.WriteWatch, "write-watch", "VadS")]
    [TestCase(false, null, "VadDevicePhysicalMemory", VadKind.DevicePhysical, "device-physical", "")]
    [TestCase(true, null, "Vadm VadType 12", VadKind.Unknown, "unknown", "Vadm")]
    [TestCase(true, null, "VadS", VadKind.Private, "private", "VadS")]
    public void TheKindComesFromVadTypePrivateMemoryAndTheFile(bool isPrivate, string? file, string raw, VadKind kind, string name, string tag)
    {
        var vad = Vad(isPrivate, file, raw);
        Assert.That(VadKinds.Of(vad), Is.EqualTo(kind));
        Assert.That(VadKinds.NameOf(vad), Is.EqualTo(name));
        Assert.That(VadKinds.PoolTag(vad), Is.EqualTo(tag));
    }

    [Test]
    public void EveryReportNamesTheNotesViewAMappedFile()
    {
        var notepad = _demo.ProcessDirectory(DemoLayout.NotepadPid);
        var start = $"0x{DemoLayout.NotepadNotesView:X12}";
        var vadsLine = _demo.Text(notepad + "/vads.txt").Split('\n').Single(l => l.Contains(" " + start + " ", StringComparison.Ordinal));
        Assert.That(vadsLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], Is.EqualTo("mapped-file"), vadsLine);
        Assert.That(vadsLine, Does.Not.Contain("Mapped").And.Not.Contain("VadNone"));

        var vadmapLine = _demo.Text(notepad + "/vadmap.txt").Split('\n').Single(l => l.StartsWith($"VAD 0x{DemoLayout.NotepadNotesView:X} ", StringComparison.Ordinal));
        Assert.That(vadmapLine, Does.Contain(" mapped-file ").And.Not.Contain("VadNone").And.Not.Contain(" mapped "));

        Assert.That(_demo.Folder(notepad + "/regions").Children.Select(c => c.Name),
            Has.Some.EqualTo($"{start}-0x{DemoLayout.NotepadNotesView + 2 * DemoLayout.Page - 1:X12}-mapped-file-notes.txt.bin"));

        var view = _demo.View(DemoLayout.NotepadPid);
        var vad = view.Vads.Single(v => v.Start == DemoLayout.NotepadNotesView);
        Assert.That(VmemPicture.Label(vad), Is.EqualTo("mapped-file notes.txt"));
    }

    [Test]
    public void PrivateAndImageVadsAreNamedAlikeInVadsTxtAndVmemLabels()
    {
        var view = _demo.View(DemoLayout.ExplorerPid);
        var text = _demo.Text(_demo.ProcessDirectory(DemoLayout.ExplorerPid) + "/vads.txt");
        foreach (var vad in view.Vads)
        {
            var kind = text.Split('\n').Single(l => l.Contains($" 0x{vad.Start:X12} ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            Assert.That(VmemPicture.Label(vad), Does.StartWith(kind), $"0x{vad.Start:X}");
            Assert.That(RegionFile.NameOf(vad), Does.Contain("-" + kind), $"0x{vad.Start:X}");
        }
        Assert.That(view.Vads.Select(VadKinds.NameOf).Distinct(), Is.SupersetOf(new[] { "private", "image" }));
    }
}
