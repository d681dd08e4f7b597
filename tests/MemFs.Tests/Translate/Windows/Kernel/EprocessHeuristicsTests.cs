using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Symbols.Heuristics;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class EprocessHeuristicsTests
{
    private static EprocessHeuristicsResult Run(TestKernelImage image, bool scan = false)
    {
        var translator = image.Translator();
        var identity = KernelIdentity.Read(translator, image.KernelBase, "test", ImageFacts.None, null, []);
        return EprocessHeuristics.Run(translator, identity, scan ? image.Physical : null);
    }

    private static Dictionary<string, int> Expected(TestEprocessLayout l) => new()
    {
        ["_KPROCESS.DirectoryTableBase"] = 0x28,
        ["_EPROCESS.UniqueProcessId"] = l.Pid,
        ["_EPROCESS.ActiveProcessLinks"] = l.Links,
        ["_EPROCESS.ImageFileName"] = l.ImageFileName,
        ["_EPROCESS.InheritedFromUniqueProcessId"] = l.Ppid,
        ["_EPROCESS.Peb"] = l.Peb,
        ["_EPROCESS.VadRoot"] = l.VadRoot,
        ["_EPROCESS.ExitStatus"] = l.ExitStatus,
        ["_EPROCESS.ObjectTable"] = l.ObjectTable,
        ["_EPROCESS.SeAuditProcessCreationInfo"] = l.SeAudit,
        ["_EPROCESS.CreateTime"] = l.CreateTime,
        ["_EPROCESS.SectionBaseAddress"] = l.SectionBase,
    };

    private static Dictionary<string, int> Found(EprocessHeuristicsResult result) =>
        result.Profile.Offsets.ToDictionary(o => o.Key, o => o.Value.Value);

    [TestCase(false)]
    [TestCase(true)]
    public void EveryFieldIsRecoveredExactly(bool windows10)
    {
        var layout = windows10 ? TestEprocessLayout.Windows10 : TestEprocessLayout.Windows7;
        var image = new TestKernelImage(layout);
        var result = Run(image);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(Found(result), Is.EquivalentTo(Expected(layout)));
        Assert.That(result.Profile.Offsets.Values.Select(v => v.Source).Distinct(), Is.EqualTo(new[] { "heuristics" }));
        Assert.That(result.SystemProcess, Is.EqualTo(image.SystemProcess));
        Assert.That(result.SystemFoundBy, Is.EqualTo("PsInitialSystemProcess export"));
        Assert.That(result.ListClosed, Is.True);
        Assert.That(result.ProcessesWalked, Is.EqualTo(image.Processes.Count));
        Assert.That(result.Profile.Rvas["PsActiveProcessHead"], Is.EqualTo((0x4300UL, "heuristics")));
        Assert.That(result.Profile.PdbId, Is.EqualTo(TestPeImage.PdbId));
    }

    [Test]
    public void SystemIsFoundByAPhysicalScanWithoutTheExport()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows7, new TestKernelOptions { ExportSystemProcess = false });
        var result = Run(image, scan: true);
        Assert.That(result.SystemProcess, Is.EqualTo(image.SystemProcess));
        Assert.That(result.SystemFoundBy, Is.EqualTo("physical scan for ImageFileName \"System\""));
        Assert.That(Found(result), Is.EquivalentTo(Expected(TestEprocessLayout.Windows7)));
        Assert.That(result.Warnings, Is.EqualTo(new[] { "no PsInitialSystemProcess export" }));
    }

    [Test]
    public void WithoutTheExportOrAScanNothingIsGuessed()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10, new TestKernelOptions { ExportSystemProcess = false });
        var result = Run(image);
        Assert.That(result.Profile.Offsets, Is.Empty);
        Assert.That(result.SystemProcess, Is.Null);
    }

    [Test]
    public void HandleTablesWithoutPoolTagsLeaveObjectTableOut()
    {
        var layout = TestEprocessLayout.Windows10;
        var result = Run(new TestKernelImage(layout, new TestKernelOptions { HandleTableTags = false }));
        var expected = Expected(layout);
        expected.Remove("_EPROCESS.ObjectTable");
        Assert.That(Found(result), Is.EquivalentTo(expected));
        Assert.That(result.Warnings, Has.One.StartsWith("ObjectTable:"));
    }

    [Test]
    public void UnreadablePebsLeavePebAndWhatDependsOnItOut()
    {
        var layout = TestEprocessLayout.Windows7;
        var result = Run(new TestKernelImage(layout, new TestKernelOptions { PebsMapped = false }));
        var expected = Expected(layout);
        foreach (var field in new[] { "_EPROCESS.Peb", "_EPROCESS.SeAuditProcessCreationInfo", "_EPROCESS.SectionBaseAddress" }) expected.Remove(field);
        Assert.That(Found(result), Is.EquivalentTo(expected));
        Assert.That(result.Warnings, Has.One.StartsWith("Peb:"));
    }

    [TestCase(ListCorruption.Cycle, "(cycle)")]
    [TestCase(ListCorruption.Dangling, "(dangling)")]
    public void CorruptedListsEndTheWalkWithAWarning(ListCorruption corruption, string warning)
    {
        var layout = TestEprocessLayout.Windows10;
        var image = new TestKernelImage(layout, new TestKernelOptions { Corruption = corruption });
        var task = Task.Run(() => Run(image));
        Assert.That(task.Wait(TimeSpan.FromSeconds(30)), Is.True, "the walk is bounded");
        var result = task.Result;
        Assert.That(result.ListClosed, Is.False);
        Assert.That(result.Warnings, Has.One.Contains(warning));
        Assert.That(result.Profile.Rvas.ContainsKey("PsActiveProcessHead"), Is.False);
        Assert.That(Found(result)["_EPROCESS.UniqueProcessId"], Is.EqualTo(layout.Pid));
        Assert.That(Found(result)["_EPROCESS.Peb"], Is.EqualTo(layout.Peb));
    }
}
