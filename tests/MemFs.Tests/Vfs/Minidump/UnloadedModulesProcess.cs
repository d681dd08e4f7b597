using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Tests.Vfs.Modules;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// A synthetic Windows 10 process unloader.exe whose ntdll.dll exports RtlGetUnloadEventTrace with the x64 body
/// <c>lea rax,[rip+disp32]; ret</c> pointing at a 64-slot RTL_UNLOAD_EVENT_TRACE array (0x68-byte records) in the
/// image, holding <see cref="Truth"/> in slots 0, 2 and 5 (out of Sequence order) and empty slots elsewhere; or the
/// same with one <see cref="Damage"/>.
/// </summary>
public sealed class UnloadedModulesProcess : IDisposable
{
    public enum Damage { None, WrongOpcode, PointsOutsideNtdll, UnmappedArray, PartlyUnmappedArray, KernelBaseAddress, AbsurdSize, UnterminatedName }

    public const long Pid = 0x2300;
    public const string Name = "unloader.exe";
    public const ulong NtdllBase = 0x7FF8_3000_0000;
    public const uint ExportRva = 0x1100;
    public const uint TraceRva = TablePe.SizeOfImage;
    public const uint SizeOfImage = TablePe.SizeOfImage + 2 * TablePe.Page;
    private const int RecordSize = 0x68;
    private const int SizeOfImageField = 0x80 + 4 + 20 + 56;

    /// <summary>The unload events, oldest (lowest Sequence) first, and the slot each is written to.</summary>
    public static readonly (int Slot, ulong Base, ulong Size, uint Sequence, uint TimeDateStamp, uint CheckSum, string Name)[] Truth =
    [
        (2, 0x7FF8_4000_0000, 0x2_3000, 1, 0x5E11_2233, 0x0003_4567, "plugin.dll"),
        (5, 0x1_8000_0000, 0x9000, 2, 0x6001_0203, 0, "a-name-of-thirty-one-chars1.dll"),
        (0, 0x7FF8_5000_0000, 0x1_0000, 3, 0x6123_4567, 0x0001_ABCD, "OLEACC.dll"),
    ];

    public UnloadedModulesProcess(Damage damage = Damage.None)
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var process = objects.AddProcess(Pid, 0x58, Name, new DateTime(2021, 2, 21, 3, 0, 0, DateTimeKind.Utc));
        var image = kernel.Image;

        // TablePe's four pages and two more for the 64 records (0x1A00 bytes), inside SizeOfImage as ntdll's .data holds them.
        var (table, _) = TablePe.Build("ntdll.dll", NtdllBase, [new("RtlAllocateHeap", 0x1200), new("RtlGetUnloadEventTrace", ExportRva)], []);
        var ntdll = new byte[SizeOfImage];
        table.CopyTo(ntdll, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(ntdll.AsSpan(SizeOfImageField), SizeOfImage);
        var target = damage == Damage.PointsOutsideNtdll ? SizeOfImage - 0x100 : TraceRva;
        ntdll[ExportRva] = 0x48;
        ntdll[ExportRva + 1] = damage == Damage.WrongOpcode ? (byte)0x8B : (byte)0x8D;
        ntdll[ExportRva + 2] = 0x05;
        BinaryPrimitives.WriteInt32LittleEndian(ntdll.AsSpan((int)ExportRva + 3), (int)(target - (ExportRva + 7)));
        ntdll[ExportRva + 7] = 0xC3;
        foreach (var e in Truth) Write(ntdll.AsSpan((int)TraceRva + e.Slot * RecordSize, RecordSize), e.Base, e.Size, e.Sequence, e.TimeDateStamp, e.CheckSum, e.Name);
        var damaged = ntdll.AsSpan((int)TraceRva + 7 * RecordSize, RecordSize);
        if (damage == Damage.KernelBaseAddress) Write(damaged, 0xFFFF_F800_0000_0000, 0x1000, 4, 0, 0, "kernel.dll");
        if (damage == Damage.AbsurdSize) Write(damaged, 0x1_0000_0000, 0x7FFF_0000_0000, 4, 0, 0, "huge.dll");
        if (damage == Damage.UnterminatedName) Write(damaged, 0x1_0000_0000, 0x1000, 4, 0, 0, new string('x', 32));

        for (var page = 0; page < SizeOfImage / TablePe.Page; page++)
        {
            var va = NtdllBase + (ulong)(page * TablePe.Page);
            var unmapped = (damage == Damage.UnmappedArray && page >= TraceRva / TablePe.Page) || (damage == Damage.PartlyUnmappedArray && page == TraceRva / TablePe.Page + 1);
            image.SetPte(va, unmapped ? 0 : TestWindowsImage.Valid(image.FrameWith(ntdll.AsSpan(page * TablePe.Page, TablePe.Page))));
        }
        process.Vads.Add(new VadDescriptor(NtdllBase, NtdllBase + SizeOfImage - 1, false, false, 7, 0, 0, 0, @"\Windows\System32\ntdll.dll", Kind: "Vad VadImageMap"));
        objects.AddProcessModule(process, NtdllBase, SizeOfImage, @"C:\Windows\System32\ntdll.dll");
        objects.WriteVadTree(process);

        Directory = System.IO.Directory.CreateTempSubdirectory("memfs-unloaded-").FullName;
        Raw = Path.Combine(Directory, "memory.raw");
        File.WriteAllBytes(Raw, image.Physical.ToRaw());
    }

    public string Directory { get; }
    public string Raw { get; }
    public string ProcessDirectory => $"/processes/{Pid}-{Name}";

    /// <summary>An x64 RTL_UNLOAD_EVENT_TRACE: BaseAddress, SizeOfImage, Sequence, TimeDateStamp, CheckSum, ImageName[32] (NUL-terminated when it fits).</summary>
    private static void Write(Span<byte> record, ulong imageBase, ulong size, uint sequence, uint timeDateStamp, uint checkSum, string name)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(record, imageBase);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(record[20..], timeDateStamp);
        BinaryPrimitives.WriteUInt32LittleEndian(record[24..], checkSum);
        Encoding.Unicode.GetBytes(name).CopyTo(record[28..92]);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}
