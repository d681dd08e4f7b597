using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Tests.Vfs.Modules;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Vfs.LoaderLists;

/// <summary>
/// A synthetic Windows 10 process hider.exe whose loader entries hide modules the ways ldrmodules compares: the main
/// executable on InLoadOrder and InMemoryOrder only (as the loader leaves it), ntdll.dll on all three lists,
/// kernel32.dll unlinked from InMemoryOrderModuleList only, hidden.dll mapped by an image VAD but unlinked from all
/// three, and ghost.dll on all three lists with no image VAD. ntdll.dll carries an RSDS CodeView record and a
/// version resource (<see cref="NtdllIdentity"/>).
/// </summary>
internal sealed class HiddenModulesProcess : IDisposable
{
    public const long Pid = 0x2200;
    public const string Name = "hider.exe";
    public const ulong ExeBase = 0x1_4000_0000;
    public const ulong NtdllBase = 0x7FF8_2000_0000;
    public const ulong Kernel32Base = 0x7FF8_1000_0000;
    public const ulong HiddenBase = 0x7FF8_3000_0000;
    public const ulong GhostBase = 0x7FF8_4000_0000;

    /// <summary>ntdll.dll's CodeView record and version resource (the other images have neither).</summary>
    public static readonly TablePeIdentity NtdllIdentity = TablePeIdentity.Dll("ntdll.pdb", new Guid("1EB5D9A2-6C3F-4B8E-9D17-0A2B3C4D5E6F"), 3);

    /// <summary>The builder's truth: each module's base, disk path and the lists its entry is linked into (ghost.dll has no VAD).</summary>
    public static readonly (ulong Base, string Path, LoaderListMembership Lists)[] Truth =
    [
        (ExeBase, @"\Users\a\hider.exe", LoaderListMembership.InLoadOrder | LoaderListMembership.InMemoryOrder),
        (NtdllBase, @"\Windows\System32\ntdll.dll", LoaderListMembership.All),
        (Kernel32Base, @"\Windows\System32\kernel32.dll", LoaderListMembership.InLoadOrder | LoaderListMembership.InInitializationOrder),
        (HiddenBase, @"\Windows\System32\hidden.dll", LoaderListMembership.None),
        (GhostBase, @"\Windows\System32\ghost.dll", LoaderListMembership.All),
    ];

    /// <param name="corrupt">Change the built image before it is written: the objects, the process and the profile's entry-link offset of InMemoryOrder.</param>
    public HiddenModulesProcess(Action<TestWindowsSystem, TestWindowsSystem.BuiltProcess>? corrupt = null)
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var process = objects.AddProcess(Pid, 0x58, Name, new DateTime(2021, 2, 21, 3, 0, 0, DateTimeKind.Utc));
        var image = kernel.Image;
        foreach (var (at, path, lists) in Truth)
        {
            if (at != GhostBase)
            {
                var (bytes, _) = TablePe.Build(Path.GetFileName(path.Replace('\\', '/')), at, [], [], at == NtdllBase ? NtdllIdentity : null);
                TablePe.Map(image, process, bytes, at, path);
            }
            objects.AddProcessModule(process, at, TablePe.SizeOfImage, "C:" + path, lists);
        }
        objects.WriteVadTree(process);
        image.WriteKernelOrUser(process.Peb + (ulong)profile.Require("_PEB.ImageBaseAddress"), ExeBase);
        image.WriteKernel64(process.Eprocess + (ulong)profile.Require("_EPROCESS.SectionBaseAddress"), ExeBase);
        corrupt?.Invoke(objects, process);

        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-ldr-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, image.Physical.ToRaw());
    }

    public string Directory { get; }
    public string Raw { get; }
    public static string ProcessDirectory => $"/processes/{Pid}-{Name}";

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
