using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;

namespace MemFs.Tests.Translate.Windows.Kernel;

/// <summary>
/// A synthetic x64 Windows machine for kernel finding: a kernel PML4 with a self-reference and supervisor
/// kernel-half entries, optionally a low stub and decoy PML4 pages, ntoskrnl (<see cref="TestPeImage"/>) at a
/// kernel base, KUSER_SHARED_DATA, and EPROCESS blocks for System, (Registry,) smss.exe and three more processes
/// at one build's offsets, linked through PsActiveProcessHead, each user process with its own PML4 and PEB.
/// </summary>
internal sealed class TestKernelImage
{
    public const ulong Windows10Base = 0xFFFFF804_7BA00000;
    public const ulong Windows7Base = 0xFFFFF800_02A5F000;
    public const long LowStubPage = 0x13000;
    public const long SparseDummy = 0x80000;
    public const long InvalidDummy = 0x90000;
    public const long LargePagePhysical = 0x400_0000;
    public static readonly DateTime BootTime = new(2021, 2, 21, 1, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<ulong, long> _frames = [];
    private ulong _nextUserPage = 0x0000_00A0_0000_0000;

    public TestKernelImage(TestEprocessLayout layout, TestKernelOptions? options = null)
    {
        Layout = layout;
        Options = options ?? new TestKernelOptions();
        Image = new TestWindowsImage(layout.IsWindows10, Options.InvalidPteMask);
        SelfIndex = layout.IsWindows10 ? 0x1A3 : 0x1ED;
        KernelBase = layout.IsWindows10 ? Windows10Base : Windows7Base;
        BuildPml4();
        if (Options.LowStub) WriteLowStub();
        if (Options.SparseDummyPml4) WriteDummy(SparseDummy, 2);
        if (Options.InvalidDummyPml4) WriteDummy(InvalidDummy, 8);
        MapKernel();
        WriteSharedData();
        BuildProcesses();
    }

    public TestEprocessLayout Layout { get; }
    public TestKernelOptions Options { get; }
    public TestWindowsImage Image { get; }
    public int SelfIndex { get; }
    public ulong KernelBase { get; }
    public ulong Dtb => Image.Dtb;
    public IPhysicalMemory Physical => Image.Physical;
    public ulong SystemProcess { get; private set; }
    public List<(string Name, ulong Eprocess, ulong Pid)> Processes { get; } = [];

    public ExtendedPhysicalSpace Space() => Image.Space(withPagefile: false, withFiles: false);

    public PhysicalImage Open(ImageFacts? facts = null) => new("synthetic", Physical, facts ?? ImageFacts.None, [], []);

    public WindowsTranslator Translator() => new(Space(), PagingSettings.ForBuild(Layout.Build), Dtb, null);

    private void BuildPml4()
    {
        for (var i = 0x1E8; i < 0x200; i++) Image.WritePhysical64((long)Dtb + i * 8, (ulong)Image.AllocateFrame() | 0x63);
        Image.WritePhysical64((long)Dtb + SelfIndex * 8, Dtb | 0x63);
    }

    private void WriteLowStub()
    {
        var page = Image.Physical.Page(LowStubPage);
        BinaryPrimitives.WriteUInt64LittleEndian(page, 0x0000_0001_0006_2AE9);
        BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(0x70), (KernelBase & ~0xFFFUL) + 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(0xA0), Dtb);
    }

    /// <summary>A page that references itself like a PML4, with <paramref name="tables"/> supervisor entries to empty tables.</summary>
    private void WriteDummy(long address, int tables)
    {
        var page = Image.Physical.Page(address);
        BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(0x1ED * 8), (ulong)address | 0x63);
        for (var i = 0; i < tables; i++) BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan((0x1F0 + i) * 8), (ulong)Image.AllocateFrame() | 0x63);
    }

    private void MapKernel()
    {
        var pe = TestPeImage.Build(Options.ExportSystemProcess, pdbGuid: Options.PdbGuid, cacheAligned: Options.CacheAlignedSection);
        if (Options.KernelInLargePage)
        {
            var region = KernelBase & ~0x1F_FFFFUL;
            Image.SetEntry(region, 1, LargePagePhysical | 0xE3);
            for (var page = KernelBase; page < KernelBase + TestPeImage.SizeOfImage; page += 4096)
                _frames[page] = LargePagePhysical + (long)(page - region);
        }
        else
        {
            for (var page = KernelBase; page < KernelBase + TestPeImage.SizeOfImage; page += 4096)
                MapKernelPage(page);
        }
        Write(KernelBase, pe);
        Write32(KernelBase + TestPeImage.NtBuildNumber, 0xF000_0000 | Layout.Build);
        Write64(KernelBase + TestPeImage.PsLoadedModuleList, KernelBase + TestPeImage.PsLoadedModuleList);
        Write64(KernelBase + TestPeImage.PsLoadedModuleList + 8, KernelBase + TestPeImage.PsLoadedModuleList);
    }

    private void WriteSharedData()
    {
        var page = new byte[4096];
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(0x14), (Options.SystemTime ?? BootTime.AddHours(2)).ToFileTimeUtc());
        if (Layout.IsWindows10) BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(0x260), 0xF000_0000 | Layout.Build);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(0x26C), Layout.IsWindows10 ? 10u : 6u);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(0x270), Layout.IsWindows10 ? 0u : 1u);
        MapKernelPage(0xFFFFF780_00000000);
        Write(0xFFFFF780_00000000, page);
    }

    private void BuildProcesses()
    {
        var names = Layout.IsWindows10
            ? new[] { "System", "Registry", "smss.exe", "csrss.exe", "wininit.exe", "services.exe" }
            : ["System", "smss.exe", "csrss.exe", "wininit.exe", "services.exe"];
        var head = KernelBase + TestPeImage.PsActiveProcessHead;
        var previous = head;
        for (var i = 0; i < names.Length; i++)
        {
            var eprocess = Process(names[i], i);
            var links = eprocess + (ulong)Layout.Links;
            Write64(previous, links);
            Write64(links + 8, previous);
            previous = links;
        }
        Write64(previous, head);
        Write64(head + 8, previous);
        if (Options.ExportSystemProcess) Write64(KernelBase + TestPeImage.PsInitialSystemProcess, SystemProcess);
        Corrupt();
    }

    private ulong Process(string name, int index)
    {
        var isSystem = name == "System";
        var pid = isSystem ? 4UL : 0x58UL + (ulong)index * 0x64;
        var eprocess = Image.AllocateKernel(0x880, 0x1000) + 0x80;
        var dtb = isSystem ? Dtb : ProcessPml4();
        Write(eprocess, [3]);
        Write64(eprocess + 0x28, dtb);
        Write64(eprocess + (ulong)Layout.Pid, pid);
        Write(eprocess + (ulong)Layout.ImageFileName, Encoding.ASCII.GetBytes(name.Length > 15 ? name[..15] : name));
        Write64(eprocess + (ulong)Layout.Ppid, isSystem ? 0 : index <= 2 ? 4 : Processes[^1].Pid);
        Write64(eprocess + (ulong)Layout.CreateTime, (ulong)BootTime.AddSeconds(index * 5).ToFileTimeUtc());
        Write64(eprocess + (ulong)Layout.ObjectTable, HandleTable());
        Write32(eprocess + (ulong)Layout.ExitStatus, 0x103);
        Write64(eprocess + (ulong)Layout.VadRoot, Image.AllocateKernel(0x40));
        Write64(eprocess + (ulong)Layout.SeAudit, ObjectName(isSystem ? "" : $@"\Device\HarddiskVolume3\Windows\System32\{name}"));
        if (!isSystem && name != "Registry")
        {
            var imageBase = 0x0000_7FF6_0000_0000UL + (ulong)index * 0x100_0000;
            var peb = _nextUserPage;
            _nextUserPage += 0x1000_0000;
            if (Options.PebsMapped)
            {
                var pebPage = new byte[4096];
                BinaryPrimitives.WriteUInt64LittleEndian(pebPage.AsSpan(0x10), imageBase);
                MapUser(dtb, peb, pebPage);
                MapUser(dtb, imageBase, "MZ"u8);
            }
            Write64(eprocess + (ulong)Layout.Peb, peb);
            Write64(eprocess + (ulong)Layout.SectionBase, imageBase);
        }
        if (isSystem) SystemProcess = eprocess;
        Processes.Add((name, eprocess, pid));
        return eprocess;
    }

    private void Corrupt()
    {
        var links = (ulong)Layout.Links;
        switch (Options.Corruption)
        {
            case ListCorruption.Cycle:
                Write64(Processes[^1].Eprocess + links, Processes.First(p => p.Name == "smss.exe").Eprocess + links);
                break;
            case ListCorruption.Dangling:
                Write64(Processes.First(p => p.Name == "csrss.exe").Eprocess + links, 0xFFFFF8A0_DEAD0000);
                break;
        }
    }

    private ulong HandleTable()
    {
        var block = Image.AllocateKernel(0x90);
        if (Options.HandleTableTags) Write(block + 4, "Obtb"u8);
        return block + 0x10;
    }

    /// <summary>OBJECT_NAME_INFORMATION with the UNICODE_STRING's buffer inline after it.</summary>
    private ulong ObjectName(string text)
    {
        var bytes = Encoding.Unicode.GetBytes(text);
        var at = Image.AllocateKernel(0x10 + bytes.Length + 2, 8);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)(bytes.Length + 2));
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), at + 0x10);
        Write(at, header);
        Write(at + 0x10, bytes);
        return at;
    }

    /// <summary>A process PML4 sharing the kernel half.</summary>
    private ulong ProcessPml4()
    {
        var pml4 = Image.AllocateFrame();
        for (var i = 256; i < 512; i++) Image.WritePhysical64(pml4 + i * 8, Image.ReadPhysical64((long)Dtb + i * 8));
        return (ulong)pml4;
    }

    private void MapUser(ulong pml4, ulong va, ReadOnlySpan<byte> content)
    {
        var table = (long)pml4;
        for (var level = 3; level > 0; level--)
        {
            var at = table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8;
            var entry = Image.ReadPhysical64(at);
            if ((entry & 1) == 0) Image.WritePhysical64(at, entry = (ulong)Image.AllocateFrame() | 0x67);
            table = (long)(entry & 0x000F_FFFF_FFFF_F000);
        }
        Image.WritePhysical64(table + (long)((va >> 12) & 0x1FF) * 8, TestWindowsImage.Valid(Image.FrameWith(content)));
    }

    private void MapKernelPage(ulong page)
    {
        var frame = Image.AllocateFrame();
        Image.SetPte(page, TestWindowsImage.Valid(frame));
        _frames[page] = frame;
    }

    /// <summary>Writes through the mappings this class made, or the pool pages of <see cref="TestWindowsImage"/>.</summary>
    public void Write(ulong va, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            var at = va + (ulong)i;
            var n = (int)Math.Min(bytes.Length - i, 4096 - (long)(at & 0xFFF));
            if (_frames.TryGetValue(at & ~0xFFFUL, out var frame)) bytes.Slice(i, n).CopyTo(Image.Physical.Page(frame).AsSpan((int)(at & 0xFFF)));
            else Image.WriteKernel(at, bytes.Slice(i, n));
            i += n;
        }
    }

    public void Write64(ulong va, ulong value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(va, b);
    }

    public void Write32(ulong va, uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Write(va, b);
    }
}
