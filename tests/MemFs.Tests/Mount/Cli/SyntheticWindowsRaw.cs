using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A synthetic Windows image written out as a raw file (by default the 19041 layout; any build's EPROCESS layout and
/// kernel profile can be given): a kernel found by its low stub and PE
/// header, the boot processes, and explorer.exe with a private VAD (one valid page, one paged-out page, the rest
/// demand zero) and an image VAD of ntdll through prototype PTEs. Deleted on dispose.
/// </summary>
internal sealed class SyntheticWindowsRaw : IDisposable
{
    public const ulong PrivateStart = 0x0000_0000_0001_0000;
    public const ulong ValidPage = PrivateStart;
    public const ulong PagedOutPage = PrivateStart + 0x1000;

    public SyntheticWindowsRaw(TestKernelOptions? options = null)
        : this(TestEprocessLayout.Windows10, KernelPack.Embedded.TryGetFamily(19041, out _)!, options)
    {
    }

    public SyntheticWindowsRaw(TestEprocessLayout layout, KernelProfile profile, TestKernelOptions? options = null)
    {
        Kernel = new TestKernelImage(layout, options);
        Objects = new TestWindowsSystem(profile, Kernel.Image, Kernel.KernelBase + TestPeImage.PsActiveProcessHead, Kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        Explorer = Objects.AddProcess(0x1F40, 0x58, "explorer.exe", new DateTime(2021, 2, 21, 1, 5, 0, DateTimeKind.Utc));
        Hidden = Objects.AddProcess(0x2A0C, 0x1F40, "hidden.exe", new DateTime(2021, 2, 21, 1, 6, 0, DateTimeKind.Utc), linked: false);
        var prototypes = Objects.Image.PrototypeArray(4);
        Explorer.Vads.AddRange(
        [
            new VadDescriptor(PrivateStart, PrivateStart + 0xFFFF, true, true, 4, 0, 0, 0, null, Kind: "VadS"),
            new VadDescriptor(0x0000_7FF8_1234_0000, 0x0000_7FF8_1237_FFFF, false, false, 7, prototypes, prototypes + 24, 0, @"\Windows\System32\ntdll.dll", Kind: "Vad VadImageMap"),
        ]);
        Objects.WriteVadTree(Explorer);
        var image = Objects.Image;
        ValidPageBytes = TestWindowsImage.StampedPage(0x5EED);
        image.SetPte(ValidPage, TestWindowsImage.Valid(image.FrameWith(ValidPageBytes)));
        image.SetPte(PagedOutPage, image.Pagefile(0, image.PagefilePage(TestWindowsImage.StampedPage(0xF11E)), 4));
        Objects.AddProcessModule(Explorer, 0x0000_7FF6_0000_0000, 0x4F000, @"C:\Windows\explorer.exe");
        Objects.AddProcessModule(Explorer, 0x0000_7FF8_1234_0000, 0x1F8000, @"C:\Windows\SYSTEM32\ntdll.dll");
        // The public-header families (22621, 26100) carry no thread or handle members: those images have neither.
        var threads = new TestThreads(Objects);
        ExplorerThreads = profile.Offset("_ETHREAD.Cid") is null ? [] :
        [
            threads.Add(Explorer, 0x1F44, new DateTime(2021, 2, 21, 1, 5, 0, DateTimeKind.Utc), 0x0000_7FF8_1234_1000, 0x0000_7FF6_0000_2340),
            threads.Add(Explorer, 0x2010, new DateTime(2021, 2, 21, 1, 5, 30, DateTimeKind.Utc), 0x0000_7FF8_1234_1000, 0x0000_0000_0001_0040,
                state: 2, priority: 10, trapFrame: new Dictionary<string, ulong>
                {
                    ["Rip"] = 0x0000_7FF8_1234_5678, ["Rsp"] = 0x0000_0000_0001_8F00, ["Rbp"] = 0x0000_0000_0001_8F40, ["Rax"] = 0x1D5,
                    ["EFlags"] = 0x246, ["SegCs"] = 0x33, ["SegSs"] = 0x2B,
                }),
        ];
        ExplorerHandles = profile.Offset("_HANDLE_TABLE.TableCode") is null ? [] : Handles(new TestHandles(Objects));
        Objects.AddKernelModule(Kernel.KernelBase, 0x1046000, @"\SystemRoot\system32\ntoskrnl.exe");
        Objects.AddKernelModule(0xFFFFF804_79440000, 0x6000, @"\SystemRoot\system32\hal.dll");
        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-windows-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, Kernel.Image.Physical.ToRaw());
    }

    private List<BuiltHandle> Handles(TestHandles handles) => handles.Table(Explorer,
    [
        (handles.NewObject("Mutant", @"\Sessions\1\BaseNamedObjects\ExplorerIsShellMutex"), 0x1F0001, @"\Sessions\1\BaseNamedObjects\ExplorerIsShellMutex"),
        (handles.NewObject("Event", null), 0x1F0003, null),
        (handles.NewObject("Section", @"\BaseNamedObjects\windows_shell_global_counters"), 0x4, @"\BaseNamedObjects\windows_shell_global_counters"),
    ], twoLevel: true);

    public TestKernelImage Kernel { get; }
    public TestWindowsSystem Objects { get; }
    public TestWindowsSystem.BuiltProcess Explorer { get; }

    /// <summary>explorer.exe's threads: a waiting one starting in explorer.exe, a running one in the private VAD with a user-mode
    /// trap frame (SegCs 0x33, as a system call from user mode leaves it).</summary>
    public IReadOnlyList<BuiltThread> ExplorerThreads { get; }

    /// <summary>explorer.exe's two-level handle table: a named mutant, an unnamed event and a named section. The family
    /// profile has no RVAs, so ObTypeIndexTable and ObHeaderCookie are unknown and the stored TypeIndex is shown.</summary>
    public IReadOnlyList<BuiltHandle> ExplorerHandles { get; }

    /// <summary>Not on the active list: found only by the EPROCESS scan.</summary>
    public TestWindowsSystem.BuiltProcess Hidden { get; }
    public byte[] ValidPageBytes { get; }
    public string Directory { get; }
    public string Raw { get; }
    public string ExplorerDirectory => $"/processes/{Explorer.Pid}-{Explorer.Name}";

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
