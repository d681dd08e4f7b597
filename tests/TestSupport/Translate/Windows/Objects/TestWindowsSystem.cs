using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>
/// Lays out Windows kernel objects in a <see cref="TestWindowsImage"/> with the offsets of a real kernel profile:
/// EPROCESS objects on an ActiveProcessLinks list, a VAD tree per process (Windows 7 AVL table with its sentinel,
/// or the RTL AVL tree of 8.1+), mapped-file sections, PEB and loader lists, and the kernel module list.
/// </summary>
internal sealed class TestWindowsSystem
{
    public const ulong UserData = 0x0000_0000_7FF0_0000;

    private ulong _nextUser = UserData;
    private readonly ulong _processHead;
    private readonly ulong _moduleHead;

    public TestWindowsSystem(KernelProfile profile, bool windows10PteLayout) : this(profile, new TestWindowsImage(windows10PteLayout), null, null)
    {
    }

    /// <summary>Objects added to an existing image, on its own list heads when given (a test kernel's PsActiveProcessHead).</summary>
    public TestWindowsSystem(KernelProfile profile, TestWindowsImage image, ulong? processHead, ulong? moduleHead)
    {
        Profile = profile;
        Image = image;
        _processHead = processHead ?? ListHead();
        _moduleHead = moduleHead ?? ListHead();
    }

    public KernelProfile Profile { get; }
    public TestWindowsImage Image { get; }
    public ulong PsActiveProcessHead => _processHead;
    public ulong PsLoadedModuleList => _moduleHead;
    public List<BuiltProcess> Processes { get; } = [];
    public List<(ulong Base, uint Size, string FullName, string BaseName)> KernelModules { get; } = [];

    public sealed record BuiltProcess(ulong Eprocess, long Pid, long Ppid, string Name, DateTime Created, ulong Peb, string ImagePath, string CommandLine)
    {
        public List<VadDescriptor> Vads { get; } = [];
        /// <summary>The modules some PEB_LDR_DATA list names.</summary>
        public List<(ulong Base, uint Size, string FullName, string BaseName)> Modules { get; } = [];

        /// <summary>The PEB_LDR_DATA lists each module's entry was linked into, by base (None: built but on no list).</summary>
        public Dictionary<ulong, LoaderListMembership> ModuleLists { get; } = [];

        public List<BuiltThread> Threads { get; } = [];
    }

    private int Off(string field) => Profile.Require(field);

    private ulong ListHead()
    {
        var head = Image.AllocateKernel(16, 16);
        Image.WriteKernel64(head, head);
        Image.WriteKernel64(head + 8, head);
        return head;
    }

    /// <summary>Appends <paramref name="link"/> to the circular list at <paramref name="head"/> (its last entry is the head's Blink).</summary>
    internal void Append(ulong head, ulong link)
    {
        var last = Image.ReadVirtual64(head + 8);
        Image.WriteKernelOrUser(last, link);
        Image.WriteKernelOrUser(link + 8, last);
        Image.WriteKernelOrUser(link, head);
        Image.WriteKernelOrUser(head + 8, link);
    }

    /// <param name="dtb">The process's own address space (<see cref="TestWindowsImage.NewAddressSpace"/>); by default the shared test DTB.</param>
    /// <param name="minimal">A minimal process (MemCompression, Registry): no PEB, no user-mode image.</param>
    public BuiltProcess AddProcess(long pid, long ppid, string name, DateTime created, bool linked = true, ulong? dtb = null, bool minimal = false)
    {
        var size = Profile.Size("_EPROCESS") ?? 0xB80;
        // Pool header (tag "Proc" at +4), then the object header, then the EPROCESS body.
        var pool = Image.AllocateKernel(size + 0x40, 16);
        Image.WriteKernel(pool + 4, "Proc"u8);
        var eprocess = pool + 0x40;
        Image.WriteKernel64(eprocess + (ulong)Off("_EPROCESS.UniqueProcessId"), (ulong)pid);
        Image.WriteKernel64(eprocess + (ulong)Off("_EPROCESS.InheritedFromUniqueProcessId"), (ulong)ppid);
        Image.WriteKernel(eprocess + (ulong)Off("_EPROCESS.ImageFileName"), Encoding.ASCII.GetBytes(name.Length > 14 ? name[..14] : name));
        Image.WriteKernel64(eprocess + (ulong)Off("_KPROCESS.DirectoryTableBase"), dtb ?? Image.Dtb);
        Image.WriteKernel64(eprocess + (ulong)Off("_EPROCESS.CreateTime"), (ulong)created.ToFileTimeUtc());
        var path = $@"C:\Windows\System32\{name}";
        var commandLine = $"{path} --pid {pid}";
        var peb = pid == 4 || minimal ? 0 : BuildPeb(path, commandLine);
        Image.WriteKernel64(eprocess + (ulong)Off("_EPROCESS.Peb"), peb);
        var link = eprocess + (ulong)Off("_EPROCESS.ActiveProcessLinks");
        if (linked) Append(_processHead, link);
        else
        {
            // Unlinked the way DKOM rootkits do it: the entry points at itself, so walking it cannot crash.
            Image.WriteKernel64(link, link);
            Image.WriteKernel64(link + 8, link);
        }
        var process = new BuiltProcess(eprocess, pid, ppid, name, created, peb, path, commandLine);
        Processes.Add(process);
        return process;
    }

    /// <summary>Builds the VAD tree of <paramref name="process"/> from its <see cref="BuiltProcess.Vads"/> (balanced, in-order = sorted).</summary>
    public void WriteVadTree(BuiltProcess process)
    {
        var sorted = process.Vads.OrderBy(v => v.Start).ToList();
        var nodes = new ulong[sorted.Count];
        for (var i = 0; i < sorted.Count; i++) nodes[i] = WriteVad(sorted[i]);
        var root = Balance(nodes, 0, nodes.Length - 1);
        var vadRoot = process.Eprocess + (ulong)Off("_EPROCESS.VadRoot");
        if (Profile.Offset("_MMVAD_SHORT.LeftChild") is not null)
            Image.WriteKernel64(vadRoot + (ulong)(Profile.Offset("_MMADDRESS_NODE.RightChild") ?? 0x10), root);
        else
            Image.WriteKernel64(vadRoot, root);
        // Windows 8.1+ keeps the number of VADs next to the tree (readers such as MemProcFS size their walk by it).
        if (Profile.Offset("_EPROCESS.VadCount") is { } vadCount) Image.WriteKernel64(process.Eprocess + (ulong)vadCount, (ulong)sorted.Count);
        for (var i = 0; i < sorted.Count; i++) process.Vads[i] = sorted[i] with { Address = nodes[i] };
    }

    private ulong Balance(ulong[] nodes, int lo, int hi)
    {
        if (lo > hi) return 0;
        var mid = (lo + hi) / 2;
        var (left, right) = Profile.Offset("_MMVAD_SHORT.LeftChild") is { } l
            ? ((ulong)l, (ulong)Off("_MMVAD_SHORT.RightChild"))
            : ((ulong)(Profile.Offset("_RTL_BALANCED_NODE.Left") ?? 0), (ulong)(Profile.Offset("_RTL_BALANCED_NODE.Right") ?? 8));
        Image.WriteKernel64(nodes[mid] + left, Balance(nodes, lo, mid - 1));
        Image.WriteKernel64(nodes[mid] + right, Balance(nodes, mid + 1, hi));
        return nodes[mid];
    }

    private ulong WriteVad(VadDescriptor vad)
    {
        var isShort = vad.IsPrivate;
        var size = Profile.Size(isShort ? "_MMVAD_SHORT" : "_MMVAD") ?? 0x88;
        var node = Image.AllocateKernel(size + 0x10, 16) + 0x10;
        Image.WriteKernel(node - 0xC, Encoding.ASCII.GetBytes(isShort ? "VadS" : "Vad "));
        var startVpn = vad.Start >> 12;
        var endVpn = vad.End >> 12;
        var windows7 = Profile.Offset("_MMVAD_SHORT.StartingVpnHigh") is null;
        if (windows7)
        {
            Image.WriteKernel64(node + (ulong)Off("_MMVAD_SHORT.StartingVpn"), startVpn);
            Image.WriteKernel64(node + (ulong)Off("_MMVAD_SHORT.EndingVpn"), endVpn);
        }
        else
        {
            Image.WriteKernel(node + (ulong)Off("_MMVAD_SHORT.StartingVpn"), BitConverter.GetBytes((uint)startVpn));
            Image.WriteKernel(node + (ulong)Off("_MMVAD_SHORT.EndingVpn"), BitConverter.GetBytes((uint)endVpn));
            Image.WriteKernel(node + (ulong)Off("_MMVAD_SHORT.StartingVpnHigh"), [(byte)(startVpn >> 32)]);
            Image.WriteKernel(node + (ulong)Off("_MMVAD_SHORT.EndingVpnHigh"), [(byte)(endVpn >> 32)]);
        }
        ulong flags = Put(0, "_MMVAD_FLAGS.Protection", (ulong)vad.Protection) | Put(0, "_MMVAD_FLAGS.PrivateMemory", vad.IsPrivate ? 1UL : 0)
                      | Put(0, "_MMVAD_FLAGS.VadType", vad.Kind.Contains("Image") ? 2UL : 0);
        if (Profile.Bit("_MMVAD_FLAGS.MemCommit") is not null) flags |= Put(0, "_MMVAD_FLAGS.MemCommit", vad.MemCommit ? 1UL : 0);
        if (Profile.Offset("_MMVAD_SHORT.u1") is null && vad.IsPrivate && Profile.Bit("_MM_PRIVATE_VAD_FLAGS.MemCommit") is not null)
            flags |= Put(0, "_MM_PRIVATE_VAD_FLAGS.MemCommit", vad.MemCommit ? 1UL : 0);
        if (windows7) Image.WriteKernel64(node + (ulong)Off("_MMVAD_SHORT.u"), flags);
        else
        {
            Image.WriteKernel(node + (ulong)Off("_MMVAD_SHORT.u"), BitConverter.GetBytes((uint)flags));
            if (Profile.Offset("_MMVAD_SHORT.u1") is { } u1)
                Image.WriteKernel(node + (ulong)u1, BitConverter.GetBytes((uint)Put(0, "_MMVAD_FLAGS1.MemCommit", vad.MemCommit ? 1UL : 0)));
        }
        if (!isShort)
        {
            var subsection = vad.FileName is null ? 0 : Section(vad.FileName, vad.FirstPrototypePte);
            Image.WriteKernel64(node + (ulong)Off("_MMVAD.Subsection"), subsection);
            Image.WriteKernel64(node + (ulong)Off("_MMVAD.FirstPrototypePte"), vad.FirstPrototypePte);
            Image.WriteKernel64(node + (ulong)Off("_MMVAD.LastContiguousPte"), vad.LastContiguousPte);
        }
        return node;
    }

    private ulong Put(ulong word, string field, ulong value)
    {
        var bits = Profile.RequireBits(field);
        return word | (value & ((1UL << bits.Length) - 1)) << bits.Position;
    }

    /// <summary>FILE_OBJECT + CONTROL_AREA + its first SUBSECTION, with the profile's offsets.</summary>
    private ulong Section(string fileName, ulong prototypes)
    {
        var nameBytes = Encoding.Unicode.GetBytes(fileName);
        var buffer = Image.AllocateKernel(nameBytes.Length);
        Image.WriteKernel(buffer, nameBytes);
        var fileObject = Image.AllocateKernel(0x100);
        var unicode = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(unicode, (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(unicode.AsSpan(2), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(unicode.AsSpan(8), buffer);
        Image.WriteKernel(fileObject + (ulong)Off("_FILE_OBJECT.FileName"), unicode);
        var controlArea = Image.AllocateKernel(0x80 + 0x40);
        Image.WriteKernel64(controlArea + (ulong)Off("_CONTROL_AREA.FilePointer"), fileObject | 3);
        var subsection = controlArea + 0x80;
        Image.WriteKernel64(subsection + (ulong)(Profile.Offset("_SUBSECTION.ControlArea") ?? 0), controlArea);
        Image.WriteKernel64(subsection + (ulong)(Profile.Offset("_SUBSECTION.SubsectionBase") ?? 8), prototypes);
        return subsection;
    }

    private ulong BuildPeb(string path, string commandLine)
    {
        var peb = AllocateUser(0x1000);
        var parameters = AllocateUser(0x400);
        var ldr = AllocateUser(0x100);
        Image.WriteKernelOrUser(peb + (ulong)Off("_PEB.Ldr"), ldr);
        Image.WriteKernelOrUser(peb + (ulong)Off("_PEB.ProcessParameters"), parameters);
        WriteUnicode(parameters + (ulong)Off("_RTL_USER_PROCESS_PARAMETERS.ImagePathName"), path);
        WriteUnicode(parameters + (ulong)Off("_RTL_USER_PROCESS_PARAMETERS.CommandLine"), commandLine);
        foreach (var list in LoaderListsLayout.From(Profile).Lists)
        {
            var head = ldr + (ulong)list.Head;
            Image.WriteKernelOrUser(head, head);
            Image.WriteKernelOrUser(head + 8, head);
        }
        return peb;
    }

    /// <summary>
    /// A _LDR_DATA_TABLE_ENTRY appended to the PEB_LDR_DATA lists <paramref name="lists"/> names (all three by default;
    /// the loader leaves the main executable out of InInitializationOrderModuleList, and a hider unlinks from some).
    /// </summary>
    public ulong AddProcessModule(BuiltProcess process, ulong dllBase, uint size, string fullName, LoaderListMembership lists = LoaderListMembership.All)
    {
        var ldr = Image.ReadVirtual64(process.Peb + (ulong)Off("_PEB.Ldr"));
        var entry = AllocateUser(0x120);
        WriteLoaderEntry("_LDR_DATA_TABLE_ENTRY", entry, dllBase, size, fullName);
        foreach (var list in LoaderListsLayout.From(Profile).Lists.Where(l => lists.HasFlag(l.List)))
            Append(ldr + (ulong)list.Head, entry + (ulong)list.Links);
        if (lists != LoaderListMembership.None) process.Modules.Add((dllBase, size, fullName, Path.GetFileName(fullName.Replace('\\', '/'))));
        process.ModuleLists[dllBase] = lists;
        return entry;
    }

    public void AddKernelModule(ulong dllBase, uint size, string fullName)
    {
        var entry = Image.AllocateKernel(0x120, 16);
        var type = LoaderEntryLayout.ForKernelModules(Profile).Type;
        WriteLoaderEntry(type, entry, dllBase, size, fullName);
        Append(_moduleHead, entry + (ulong)(Profile.Offset($"{type}.InLoadOrderLinks") ?? 0));
        KernelModules.Add((dllBase, size, fullName, Path.GetFileName(fullName.Replace('\\', '/'))));
    }

    private void WriteLoaderEntry(string type, ulong entry, ulong dllBase, uint size, string fullName)
    {
        Image.WriteKernelOrUser(entry + (ulong)Off($"{type}.DllBase"), dllBase);
        Image.WriteBytes(entry + (ulong)Off($"{type}.SizeOfImage"), BitConverter.GetBytes(size));
        WriteUnicode(entry + (ulong)Off($"{type}.FullDllName"), fullName);
        WriteUnicode(entry + (ulong)Off($"{type}.BaseDllName"), Path.GetFileName(fullName.Replace('\\', '/')));
    }

    /// <summary>A _UNICODE_STRING at <paramref name="at"/> whose buffer is allocated in the same half of the address space.</summary>
    internal void WriteUnicode(ulong at, string text)
    {
        var bytes = Encoding.Unicode.GetBytes(text);
        var buffer = at >= 0xFFFF_8000_0000_0000 ? Image.AllocateKernel(bytes.Length + 2) : AllocateUser(bytes.Length + 2);
        Image.WriteBytes(buffer, bytes);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)(bytes.Length + 2));
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), buffer);
        Image.WriteBytes(at, header);
    }

    /// <summary>User-mode memory (shared by every test process, which all use the one test DTB), mapped by valid PTEs.</summary>
    internal ulong AllocateUser(int bytes)
    {
        _nextUser = (_nextUser + 15) & ~15UL;
        var va = _nextUser;
        _nextUser += (ulong)bytes;
        for (var page = va & ~0xFFFUL; page < _nextUser; page += 4096)
            if ((Image.ReadPhysical64(Image.EntryAddress(page, 0)) & 1) == 0) Image.SetPte(page, TestWindowsImage.Valid(Image.AllocateFrame()));
        return va;
    }
}
