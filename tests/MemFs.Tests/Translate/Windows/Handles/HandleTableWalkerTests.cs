using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows.Handles;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Handles;

/// <summary>
/// Handle tables laid out with the real offsets of Windows 7 SP1 (TypeIndex stored as is), 10 19041 and 11 22000
/// (TypeIndex encoded with ObHeaderCookie), read back through each symbol source; hostile tables stay bounded.
/// </summary>
public class HandleTableWalkerTests
{
    private static readonly DateTime Boot = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<TestCaseData> Cases() =>
        from kernel in KernelProfiles.Kernels
        from source in KernelProfiles.Sources
        select new TestCaseData(kernel.Build, kernel.IsfName, source).SetName($"{kernel.Build} via {source}");

    private sealed record Built(TestWindowsSystem System, TestHandles Handles, TestWindowsSystem.BuiltProcess Explorer, List<BuiltHandle> ExplorerHandles,
        TestWindowsSystem.BuiltProcess Smss, List<BuiltHandle> SmssHandles, HandleLayout Layout);

    private static Built Build(uint build, string isfName, string source)
    {
        var profile = KernelProfiles.From(source, build, isfName);
        var system = new TestWindowsSystem(profile, windows10PteLayout: build >= 17763);
        var smss = system.AddProcess(0x150, 4, "smss.exe", Boot);
        var explorer = system.AddProcess(0x1234, 0x100, "explorer.exe", Boot.AddMinutes(2));
        var thread = new TestThreads(system).Add(explorer, 0x1238, Boot.AddMinutes(2), 0x7FF8_1234_1000, 0x7FF6_0000_2340);
        var handles = new TestHandles(system);
        var explorerHandles = handles.Table(explorer,
        [
            (handles.NewFile(@"\Windows\explorer.exe"), 0x120089, @"\Windows\explorer.exe"),
            (handles.NewObject("Key", null), 0x20019, null),
            (handles.Adopt(smss.Eprocess, "Process"), 0x1FFFFF, "pid 336 (smss.exe)"),
            (handles.Adopt(thread.Ethread, "Thread"), 0x1FFFFF, $"tid {0x1238} (pid {0x1234})"),
            (handles.NewObject("Mutant", @"\Sessions\1\BaseNamedObjects\ExplorerIsShellMutex"), 0x1F0001, @"\Sessions\1\BaseNamedObjects\ExplorerIsShellMutex"),
            (handles.NewObject("Section", @"\BaseNamedObjects\windows_shell_global_counters"), 0x4, @"\BaseNamedObjects\windows_shell_global_counters"),
            (handles.NewObject("Event", null), 0x1F0003, null),
        ], twoLevel: true);
        var smssHandles = handles.Table(smss, [(handles.NewObject("Event", @"\KernelObjects\LowMemoryCondition"), 0x100000, @"\KernelObjects\LowMemoryCondition")], twoLevel: false);
        return new Built(system, handles, explorer, explorerHandles, smss, smssHandles, KernelLayouts.From(profile.Freeze(), build).Handle);
    }

    private static (KernelStructReader Kernel, ObjectTypes Types) Reader(Built b)
    {
        var kernel = new KernelStructReader(b.System.Image.Translator());
        return (kernel, new ObjectTypes(kernel, b.Handles.TypeTable, b.Layout.TypeName, b.Handles.Cookie, "test"));
    }

    private static ulong ObjectTable(Built b, TestWindowsSystem.BuiltProcess p) => b.System.Image.ReadVirtual64(p.Eprocess + (ulong)b.Layout.ObjectTable);

    [TestCaseSource(nameof(Cases))]
    public void EveryHandleComesBackWithItsTypeAccessAndName(uint build, string isfName, string source)
    {
        var b = Build(build, isfName, source);
        var (kernel, types) = Reader(b);
        Assert.That(b.Handles.Cookie is null, Is.EqualTo(build == 7601 || source == "build family"),
            "Windows 7 has no ObHeaderCookie; a build family has no RVAs, so its kernels are built without one");

        foreach (var (process, expected) in new[] { (b.Explorer, b.ExplorerHandles), (b.Smss, b.SmssHandles) })
        {
            var table = HandleTableWalker.Walk(kernel, b.Layout, types, ObjectTable(b, process));
            Assert.That(table.Problems, Is.Empty);
            Assert.That(table.Handles.Select(h => (h.Handle, h.ObjectHeader, h.Object, h.GrantedAccess, h.TypeIndex, h.TypeName, h.Name)),
                Is.EqualTo(expected.Select(h => (h.Handle, h.Header, h.Object, h.Access, h.TypeIndex, h.TypeName, h.Name))));
        }
        Assert.That(b.ExplorerHandles.Select(h => h.Handle), Has.Some.GreaterThan(0x400UL), "the two-level table's second entry page");
    }

    [Test]
    public void TableCodeLevelThreeIsRefusedNamingTheValue()
    {
        var b = Build(19041, "06564D3477822C7D97F04852CBD5AFD6-1", "ISF");
        var (kernel, types) = Reader(b);
        var table = ObjectTable(b, b.Explorer);
        b.System.Image.WriteKernel64(table + (ulong)b.Layout.TableCode, 0xFFFF_F8A0_0000_1003);

        var result = HandleTableWalker.Walk(kernel, b.Layout, types, table);

        Assert.That(result.Handles, Is.Empty);
        Assert.That(result.Problems, Is.EqualTo(new[] { $"_HANDLE_TABLE at 0x{table:X}: TableCode 0xFFFFF8A000001003 has level 3 (only 0, 1 and 2 exist)" }));
    }

    [Test]
    public void APageReachedTwiceIsReadOnceAndReported()
    {
        var b = Build(22000, "0CE4A95C0CD782A7596B034D8648E585-1", "ISF");
        var (kernel, types) = Reader(b);
        var table = ObjectTable(b, b.Explorer);
        var root = b.System.Image.ReadVirtual64(table + (ulong)b.Layout.TableCode) & ~3UL;
        var first = b.System.Image.ReadVirtual64(root);
        for (var i = 1; i < 512; i++) b.System.Image.WriteKernel64(root + (ulong)i * 8, first);

        var result = HandleTableWalker.Walk(kernel, b.Layout, types, table);

        Assert.That(result.Handles.Select(h => h.Handle), Is.EqualTo(b.ExplorerHandles.Where(h => h.Handle < 0x400).Select(h => h.Handle)));
        Assert.That(result.Problems, Has.Count.EqualTo(511).And.All.Contains("is reached twice (a cycle)"));
    }

    [Test]
    public void TheHandleBoundStopsTheWalk()
    {
        var b = Build(7601, "339E74133576439CBCDF7E0229DA3773-1", "ISF");
        var (kernel, types) = Reader(b);

        var result = HandleTableWalker.Walk(kernel, b.Layout, types, ObjectTable(b, b.Explorer), limit: 3);

        Assert.That(result.Handles, Has.Count.EqualTo(3));
        Assert.That(result.Problems, Has.Some.Contains("reached the bound of 3 handles"));
    }
}
