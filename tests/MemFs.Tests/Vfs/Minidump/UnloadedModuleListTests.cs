using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Vfs.Modules.UnloadedModules;
using MemFs.Vfs.Session;
using NUnit.Framework;
using Damage = MemFs.Tests.Vfs.Minidump.UnloadedModulesProcess.Damage;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// The minidump's UnloadedModuleList from ntdll's unload event trace, found through RtlGetUnloadEventTrace's
/// lea/ret body: parsed back, it equals what the builder wrote; a damaged export or trace gives no list, with why,
/// and the dump is still whole.
/// </summary>
public class UnloadedModuleListTests
{
    [Test]
    public void TheStreamHoldsTheTracesModulesOldestFirst()
    {
        using var process = new UnloadedModulesProcess();
        using var tree = Tree(process);
        var view = tree.View(UnloadedModulesProcess.Pid);
        var reader = MinidumpChecks.AssertMatches(tree.Bytes(process.ProcessDirectory + "/minidump.dmp"), view);

        Assert.That(reader.ReadUnloadedModules(), Is.EqualTo(UnloadedModulesProcess.Truth
            .Select(t => new MinidumpReader.UnloadedModule(t.Base, (uint)t.Size, t.CheckSum, t.TimeDateStamp, t.Name))));
        var trace = UnloadEventTrace.Read(view);
        Assert.That((trace.Missing, trace.Address, trace.Unreadable), Is.EqualTo(((string?)null, (ulong?)(UnloadedModulesProcess.NtdllBase + UnloadedModulesProcess.TraceRva), Array.Empty<string>())));
        Assert.That(trace.Modules.Select(m => m.Sequence), Is.EqualTo(new uint[] { 1, 2, 3 }));
    }

    [Test]
    public void UnloadedTxtListsTheSameModules()
    {
        using var process = new UnloadedModulesProcess();
        using var tree = Tree(process);
        var lines = tree.Text(process.ProcessDirectory + "/unloaded.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Does.Contain($"# trace at 0x{UnloadedModulesProcess.NtdllBase + UnloadedModulesProcess.TraceRva:X}: 64 slots of 0x68 bytes, 3 used"));
        Assert.That(lines.Where(l => !l.StartsWith('#')), Is.EqualTo(UnloadedModulesProcess.Truth.Select(t =>
            $"  {t.Sequence,-8} 0x{t.Base:X16} 0x{t.Base + t.Size:X16} 0x{t.TimeDateStamp:X8}    0x{t.CheckSum:X8} {t.Name}")));
    }

    [Test]
    public void UnloadedTxtSaysWhyThereIsNoList()
    {
        using var process = new UnloadedModulesProcess(Damage.WrongOpcode);
        using var tree = Tree(process);
        var text = tree.Text(process.ProcessDirectory + "/unloaded.txt");
        Assert.That(text, Does.Contain($"# no list: ntdll.dll at 0x{UnloadedModulesProcess.NtdllBase:X}: RtlGetUnloadEventTrace at RVA 0x1100 starts 488B05"));
        Assert.That(text.Split('\n').Where(l => l.Length > 0), Has.All.StartsWith("#"));
    }

    [Test]
    public void SlotsOnAnUnreadablePageAreSaidAndTheOthersListed()
    {
        using var process = new UnloadedModulesProcess(Damage.PartlyUnmappedArray);
        using var tree = Tree(process);
        var trace = UnloadEventTrace.Read(tree.View(UnloadedModulesProcess.Pid));
        Assert.That(trace.Modules.Select(m => m.Name), Is.EqualTo(UnloadedModulesProcess.Truth.Select(t => t.Name)));
        // 0x1000 / 0x68: slots 0-38 lie on the first page, slot 39 straddles the unreadable second one.
        Assert.That(trace.Unreadable, Has.Count.EqualTo(64 - 39));
        Assert.That(trace.Unreadable[0], Does.StartWith($"slot 39 at 0x{UnloadedModulesProcess.NtdllBase + UnloadedModulesProcess.TraceRva + 39 * 0x68:X}: "));
    }

    [TestCase(Damage.WrongOpcode, "RtlGetUnloadEventTrace at RVA 0x1100 starts 488B05")]
    [TestCase(Damage.PointsOutsideNtdll, "would not lie inside ntdll.dll (SizeOfImage 0x6000)")]
    [TestCase(Damage.UnmappedArray, "the array at 0x7FF830004000 is unreadable: slot 0 at 0x7FF830004000: ")]
    [TestCase(Damage.KernelBaseAddress, "slot 7 at 0x7FF8300042D8 is not an RTL_UNLOAD_EVENT_TRACE record (BaseAddress 0xFFFFF80000000000 is not a user-mode address)")]
    [TestCase(Damage.AbsurdSize, "(SizeOfImage 0x7FFF00000000 is not a plausible image size at 0x100000000)")]
    [TestCase(Damage.UnterminatedName, "(ImageName has no NUL within its 32 characters)")]
    public void ADamagedTraceGivesNoListWithWhyAndAWholeDump(Damage damage, string why)
    {
        using var process = new UnloadedModulesProcess(damage);
        using var tree = Tree(process);
        var view = tree.View(UnloadedModulesProcess.Pid);

        var trace = UnloadEventTrace.Read(view);
        Assert.That(trace.Modules, Is.Empty);
        Assert.That(trace.Missing, Does.StartWith($"ntdll.dll at 0x{UnloadedModulesProcess.NtdllBase:X}").Or.StartWith("slot").Or.StartWith("the array"));
        Assert.That(trace.Missing, Does.Contain(why));
        var reader = MinidumpChecks.AssertMatches(tree.Bytes(process.ProcessDirectory + "/minidump.dmp"), view);
        Assert.That(reader.ReadUnloadedModules(), Is.Empty);
    }

    [Test]
    public void TheDemoNtdllExportsNoTraceSoItsListIsEmpty()
    {
        using var tree = SessionTree.Demo();
        var trace = UnloadEventTrace.Read(tree.View(4312));
        Assert.That(trace.Modules, Is.Empty);
        Assert.That(trace.Missing, Does.Contain("exports no RtlGetUnloadEventTrace"));
    }

    private static SessionTree Tree(UnloadedModulesProcess process) => new(new EvidenceOptions(process.Raw) { CacheBytes = 16L << 20 });
}
