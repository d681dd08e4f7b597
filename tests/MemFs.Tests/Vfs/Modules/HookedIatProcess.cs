using System.Buffers.Binary;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Vfs.Modules;

/// <summary>
/// A synthetic Windows 10 process hooked.exe that imports CreateFileW, ReadFile, WriteFile and HeapAlloc from
/// kernel32.dll. Its IAT as the test binds it: CreateFileW → kernel32!CreateFileW (normal), HeapAlloc → ntdll!RtlAllocateHeap
/// (kernel32 forwards it there: normal), ReadFile → a private RWX region no module covers (the hook), WriteFile →
/// ntdll!NtWriteFile+0x10 (kernel32 does not forward it: redirected).
/// </summary>
internal sealed class HookedIatProcess : IDisposable
{
    public const long Pid = 0x1F40;
    public const string Name = "hooked.exe";
    public const ulong ExeBase = 0x1_4000_0000;
    public const ulong Kernel32Base = 0x7FF8_1000_0000;
    public const ulong NtdllBase = 0x7FF8_2000_0000;
    public const ulong HookRegion = 0x2000_0000;
    public const ulong HookTarget = HookRegion + 0x40;
    public const uint CreateFileW = 0x1100, ReadFile = 0x1200, WriteFile = 0x1300, RtlAllocateHeap = 0x1400, NtWriteFile = 0x1500;

    /// <param name="hostile">Damage the tables: kernel32's export directory claims 0x10000000 functions and names,
    /// and the import descriptor's Name RVA lies far outside the image.</param>
    public HookedIatProcess(bool hostile = false)
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var process = objects.AddProcess(Pid, 0x58, Name, new DateTime(2021, 2, 21, 2, 0, 0, DateTimeKind.Utc));
        var image = kernel.Image;

        var (exe, slots) = TablePe.Build(Name, ExeBase, [], [("kernel32.dll", ["CreateFileW", "ReadFile", "WriteFile", "HeapAlloc"])]);
        Slots = slots.ToDictionary(p => p.Key, p => ExeBase + p.Value);
        Bind(exe, slots["kernel32.dll!CreateFileW"], Kernel32Base + CreateFileW);
        Bind(exe, slots["kernel32.dll!HeapAlloc"], NtdllBase + RtlAllocateHeap);
        Bind(exe, slots["kernel32.dll!ReadFile"], HookTarget);
        Bind(exe, slots["kernel32.dll!WriteFile"], NtdllBase + NtWriteFile + 0x10);
        var (kernel32, _) = TablePe.Build("KERNEL32.dll", Kernel32Base,
            [new("CreateFileW", CreateFileW), new("ReadFile", ReadFile), new("WriteFile", WriteFile), new("HeapAlloc", 0, "NTDLL.RtlAllocateHeap")], []);
        if (hostile)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(kernel32.AsSpan(0x2014), 0x1000_0000);
            BinaryPrimitives.WriteUInt32LittleEndian(kernel32.AsSpan(0x2018), 0x1000_0000);
            BinaryPrimitives.WriteUInt32LittleEndian(exe.AsSpan(0x2800 + 12), 0xFFFF_FF00);
        }
        var (ntdll, _) = TablePe.Build("ntdll.dll", NtdllBase, [new("RtlAllocateHeap", RtlAllocateHeap), new("NtWriteFile", NtWriteFile)], []);

        foreach (var (bytes, at, path) in new[] { (exe, ExeBase, @"\Users\a\hooked.exe"), (kernel32, Kernel32Base, @"\Windows\System32\kernel32.dll"), (ntdll, NtdllBase, @"\Windows\System32\ntdll.dll") })
        {
            TablePe.Map(image, process, bytes, at, path);
            objects.AddProcessModule(process, at, TablePe.SizeOfImage, "C:" + path);
        }
        var hook = new byte[TablePe.Page];
        hook.AsSpan(0x40, 2).Fill(0x90);
        image.SetPte(HookRegion, TestWindowsImage.Valid(image.FrameWith(hook)));
        process.Vads.Add(new VadDescriptor(HookRegion, HookRegion + TablePe.Page - 1, true, true, 6, 0, 0, 0, null, Kind: "Vad VadNone"));
        objects.WriteVadTree(process);
        image.WriteKernelOrUser(process.Peb + (ulong)profile.Require("_PEB.ImageBaseAddress"), ExeBase);
        image.WriteKernel64(process.Eprocess + (ulong)profile.Require("_EPROCESS.SectionBaseAddress"), ExeBase);

        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-iat-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, image.Physical.ToRaw());
    }

    /// <summary>Each import's IAT slot address, by "dll!function".</summary>
    public Dictionary<string, ulong> Slots { get; }
    public string Directory { get; }
    public string Raw { get; }
    public string ModuleDirectory => $"/processes/{Pid}-{Name}/modules/{Name}";

    private static void Bind(byte[] image, uint slotRva, ulong target) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan((int)slotRva), target);

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
