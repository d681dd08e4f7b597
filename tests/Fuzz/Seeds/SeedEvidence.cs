using System.Buffers.Binary;
using MemFs.Tests.Demo;
using MemFs.Tests.Translate.Physical.CrashDump;
using MemFs.Tests.Translate.Physical.Elf;
using MemFs.Tests.Translate.Windows.Kernel;

namespace MemFs.Fuzz.Seeds;

/// <summary>
/// The seed files, built once from the <see cref="DemoSystem"/> in code (no evidence is read from disk): the demo AFF4
/// and the same physical memory as raw, full crash dump, LiME and ELF core, whose physical pages sit at a fixed file
/// offset so the kernel-structure mutators can patch them in each, and as a VMware .vmem beside a .vmss state file;
/// and the PE files the demo's images map, as a <c>--files</c> tree.
/// </summary>
internal sealed class SeedEvidence
{
    private const int LimeHeader = 32;
    private static readonly Lazy<SeedEvidence> Shared = new(() => new SeedEvidence());
    private readonly Dictionary<string, byte[]> _aff4 = new(StringComparer.Ordinal);
    private readonly byte[] _raw;
    private readonly byte[] _dump;
    private readonly byte[] _lime;
    private readonly byte[] _elf;
    private readonly byte[] _vmss;
    private readonly int _dumpHeader;

    private SeedEvidence()
    {
        Demo = new DemoSystem();
        _raw = Demo.Image.Physical.ToRaw();
        Aff4Base = DemoImageBuilder.Build(Demo);
        _aff4[""] = Aff4Base;

        var pages = (ulong)(_raw.Length / TestCrashDumpBuilder.PageSize);
        var builder = TestCrashDumpBuilder.Dump64(1)
            .U64(0x10, Demo.Image.Dtb)
            .U64(0x20, Demo.Kernel.KernelBase + TestPeImage.PsLoadedModuleList)
            .U64(0x28, Demo.Kernel.KernelBase + TestPeImage.PsActiveProcessHead)
            .U64(0x80, 0);
        _dumpHeader = builder.HeaderSize;
        _dump = builder.Full((0, pages));
        _raw.CopyTo(_dump, _dumpHeader);

        _lime = new byte[LimeHeader + _raw.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(_lime, 0x4C694D45);
        BinaryPrimitives.WriteUInt32LittleEndian(_lime.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(_lime.AsSpan(16), (ulong)_raw.Length - 1);
        _raw.CopyTo(_lime, LimeHeader);
        _elf = new TestElfCoreBuilder().QemuNote(Demo.Image.Dtb).Load(0, 0, _raw, (ulong)_raw.Length).ToArray();
        _vmss = VmwareSeed.State(_raw.Length / TestCrashDumpBuilder.PageSize, Demo.Image.Dtb);
        Structures = new KernelStructures(Demo);
        FilesTree = Demo.ImageFiles.Select(f => (f.Key.TrimStart('\\').Replace('\\', '/'), f.Value)).ToList();
    }

    public static SeedEvidence Instance => Shared.Value;

    public DemoSystem Demo { get; }
    public KernelStructures Structures { get; }
    public byte[] Aff4Base { get; }
    public long PhysicalSize => _raw.Length;

    /// <summary>The <c>--files</c> tree of the <see cref="SeedKind.Files"/> seed: each PE file by its path under C: ('/'-separated, as <see cref="Recipes.Recipe.Target"/> names it).</summary>
    public IReadOnlyList<(string Path, byte[] Bytes)> FilesTree { get; }

    /// <summary>Whether the seed's evidence includes a <c>--files</c> tree (written beside the evidence file).</summary>
    public static bool HasFilesTree(SeedKind kind) => kind == SeedKind.Files;

    /// <summary>Whether the seed file itself holds the physical memory as one run (at <see cref="PhysicalBase"/>) and is what its mutations change.</summary>
    public static bool HoldsPhysicalMemory(SeedKind kind) => kind is not (SeedKind.Aff4 or SeedKind.Vmware or SeedKind.Files);

    /// <summary>Where physical address 0 is in each seed file that holds the physical memory as one run.</summary>
    public long PhysicalBase(SeedKind kind) => kind switch
    {
        SeedKind.CrashDump => _dumpHeader,
        SeedKind.Lime => LimeHeader,
        SeedKind.Elf => _elf.Length - _raw.Length,
        _ => 0,
    };

    /// <summary>The seed file's length before any change.</summary>
    public long Length(SeedKind kind) => kind switch
    {
        SeedKind.Aff4 => Aff4Base.Length,
        SeedKind.Vmware => _vmss.Length,
        _ => PhysicalSize + PhysicalBase(kind),
    };

    /// <summary>A file written unchanged beside the seed under the same base name (the .vmem beside a .vmss), if any.</summary>
    public (string Extension, byte[] Bytes)? Companion(SeedKind kind) => kind == SeedKind.Vmware ? (".vmem", _raw) : null;

    public static string Extension(SeedKind kind) => kind switch
    {
        SeedKind.Aff4 => ".aff4",
        SeedKind.CrashDump => ".dmp",
        SeedKind.Lime => ".lime",
        SeedKind.Elf => ".elf",
        SeedKind.Vmware => ".vmss",
        _ => ".raw",
    };

    /// <summary>A fresh copy of the seed, with the AFF4 metadata additions (Turtle statements) applied when it is the AFF4.</summary>
    public byte[] Copy(SeedKind kind, IReadOnlyList<string> turtle)
    {
        if (kind != SeedKind.Aff4) return (byte[])(kind switch { SeedKind.CrashDump => _dump, SeedKind.Lime => _lime, SeedKind.Elf => _elf, SeedKind.Vmware => _vmss, _ => _raw }).Clone();
        var key = string.Join('\n', turtle);
        byte[] built;
        lock (_aff4)
            if (!_aff4.TryGetValue(key, out built!))
            {
                built = DemoImageBuilder.Build(Demo, key);
                if (_aff4.Count < 64) _aff4[key] = built;
            }
        return (byte[])built.Clone();
    }
}
