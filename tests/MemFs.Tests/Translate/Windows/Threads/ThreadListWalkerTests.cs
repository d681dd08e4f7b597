using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Threads;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Threads;

/// <summary>
/// Threads laid out with the real _ETHREAD/_KTHREAD/_KTRAP_FRAME offsets of Windows 7 SP1, 10 19041 and 11 22000,
/// read back through each symbol source: every member the builder wrote comes back, and broken lists stay bounded.
/// </summary>
public class ThreadListWalkerTests
{
    private static readonly DateTime Boot = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<TestCaseData> Cases() =>
        from kernel in KernelProfiles.Kernels
        from source in KernelProfiles.Sources
        select new TestCaseData(kernel.Build, kernel.IsfName, source).SetName($"{kernel.Build} via {source}");

    private static readonly Dictionary<string, ulong> Registers = new()
    {
        ["Rax"] = 0x1111, ["Rcx"] = 0x2222, ["Rdx"] = 0x3333, ["R8"] = 8, ["R9"] = 9, ["R10"] = 10, ["R11"] = 0x246,
        ["Rbp"] = 0x0000_00D0_1234_FF00, ["Rsp"] = 0x0000_00D0_1234_FE00, ["Rip"] = 0x0000_7FF8_1234_5678, ["EFlags"] = 0x246,
        ["SegCs"] = 0x33, ["SegSs"] = 0x2B,
    };

    private static (TestWindowsSystem System, TestWindowsSystem.BuiltProcess Process, ThreadLayout Layout) Build(uint build, string isfName, string source)
    {
        var profile = KernelProfiles.From(source, build, isfName);
        var system = new TestWindowsSystem(profile, windows10PteLayout: build >= 17763);
        var explorer = system.AddProcess(0x1234, 0x100, "explorer.exe", Boot.AddMinutes(2));
        var threads = new TestThreads(system);
        threads.Add(explorer, 0x1238, Boot.AddMinutes(2), 0x0000_7FF8_1234_1000, 0x0000_7FF6_0000_2340, state: 5, priority: 8);
        threads.Add(explorer, 0x1300, Boot.AddMinutes(3), 0x0000_7FF8_1234_1000, 0x0000_7FF8_1234_5670, state: 2, priority: 13, trapFrame: Registers);
        threads.Add(explorer, 0x1404, Boot.AddMinutes(4), 0xFFFF_F804_7BA1_2340, 0xFFFF_F804_7BA1_2340, state: 4, priority: 16, withTeb: false,
            exited: Boot.AddMinutes(5));
        return (system, explorer, KernelLayouts.From(profile.Freeze(), build).Thread);
    }

    [TestCaseSource(nameof(Cases))]
    public void EveryThreadComesBackExactly(uint build, string isfName, string source)
    {
        var (system, explorer, layout) = Build(build, isfName, source);
        var memory = new KernelStructReader(system.Image.Translator());

        var result = ThreadListWalker.Walk(memory, memory, layout, explorer.Eprocess);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Threads.Select(t => (t.Ethread, t.Tid, t.Pid, t.State, t.Priority, t.CreateTime, t.ExitTime, t.StartAddress, t.Win32StartAddress, t.Teb)),
            Is.EqualTo(explorer.Threads.Select(t => (t.Ethread, t.Tid, (long?)t.Pid, (byte?)t.State, (sbyte?)t.Priority, (DateTime?)t.Created, t.Exited,
                (ulong?)t.StartAddress, (ulong?)t.Win32StartAddress, (ulong?)t.Teb))));
        Assert.That(result.Threads.Select(t => (t.KernelStackBase, t.KernelStackLimit, t.TrapFrame)),
            Is.EqualTo(explorer.Threads.Select(t => ((ulong?)t.KernelStackBase, (ulong?)t.KernelStackLimit, (ulong?)t.TrapFrame))));
        Assert.That(result.Threads.Select(t => (t.UserStackBase, t.UserStackLimit)),
            Is.EqualTo(explorer.Threads.Select(t => t.Teb == 0 ? (null, null) : ((ulong?)t.UserStackBase, (ulong?)t.UserStackLimit))));
        Assert.That(result.Threads[1].Registers.Select(r => (r.Name, r.Value)), Is.EquivalentTo(Registers.Select(r => (r.Key, r.Value))));
        Assert.That(result.Threads[0].Registers, Is.Empty);
        Assert.That(result.Threads[0].Unread, Has.Some.StartsWith("registers: no trap frame"));
        Assert.That(result.Threads[2].Unread, Has.Some.StartsWith("user stack: the thread has no TEB"));
        Assert.That(result.Threads.Select(t => t.StateName), Is.EqualTo(new[] { "Waiting", "Running", "Terminated" }));
    }

    [Test]
    public void ACyclicThreadListStopsAtTheLoopAndSaysWhere()
    {
        var (system, explorer, layout) = Build(19041, "06564D3477822C7D97F04852CBD5AFD6-1", "ISF");
        var entry = (ulong)layout.ThreadListEntry;
        // The third thread's Flink points back at the second: following Flink never reaches the head again.
        system.Image.WriteKernel64(explorer.Threads[2].Ethread + entry, explorer.Threads[1].Ethread + entry);
        var memory = new KernelStructReader(system.Image.Translator());

        var result = ThreadListWalker.Walk(memory, memory, layout, explorer.Eprocess);

        Assert.That(result.Threads.Select(t => t.Tid), Is.EqualTo(new long[] { 0x1238, 0x1300, 0x1404 }));
        Assert.That(result.Problems, Has.One.Contains("_EPROCESS.ThreadListHead").And.Contains("loops back to"));
    }

    [Test]
    public void AHostileListLongerThanTheBoundStopsThere()
    {
        var (system, explorer, layout) = Build(22000, "0CE4A95C0CD782A7596B034D8648E585-1", "ISF");
        var memory = new KernelStructReader(system.Image.Translator());

        var result = ThreadListWalker.Walk(memory, memory, layout, explorer.Eprocess, limit: 2);

        Assert.That(result.Threads, Has.Count.LessThanOrEqualTo(2));
        Assert.That(result.Problems, Has.Some.Contains("more than 2 entries"));
    }
}
