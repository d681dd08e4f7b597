using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Translate.Windows.Symbols.Heuristics;

/// <summary>
/// Finds x64 EPROCESS offsets without symbols by comparing System's EPROCESS with smss.exe's and a few others
/// (MemProcFS's VmmWinProcess_OffsetLocator64 fuzzing, extended to CreateTime and SectionBaseAddress). Each
/// offset is kept only when its check holds; what fails is left out with a warning, never guessed. Work is
/// bounded: 0x800 bytes of at most <see cref="MaxSamples"/> processes, a list walk of at most <see cref="MaxWalk"/> entries.
/// </summary>
internal sealed class EprocessHeuristics
{
    public const string Source = "heuristics";
    public const int SampleBytes = 0x800;
    public const int MaxSamples = 8;
    public const int MaxWalk = 4096;
    private const int DtbOffset = 0x28;
    private const ulong SystemName = 0x0000_6D65_7473_7953;
    private const uint StatusPending = 0x103;
    private const int MaxScanHits = 64;
    private const long OneHour = 36_000_000_000;
    private const long OneDay = 864_000_000_000;
    private static readonly long MinFileTime = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).ToFileTimeUtc();
    private static readonly byte[] DevicePrefix = Encoding.Unicode.GetBytes(@"\Device\");
    private static readonly string[] FirstAfterSystem = ["smss.exe", "Registry", "Secure S"];

    private readonly WindowsTranslator _translator;
    private readonly KernelIdentity _identity;
    private readonly ulong _kernelDtb;
    private readonly KernelProfile _profile;
    private readonly List<string> _warnings = [];

    private EprocessHeuristics(WindowsTranslator translator, KernelIdentity identity)
    {
        _translator = translator;
        _identity = identity;
        _kernelDtb = translator.KernelDtb & HardwarePageTables.Frame;
        _profile = new KernelProfile(identity.PdbId, identity.Build);
    }

    /// <summary>
    /// Runs the heuristics from the PsInitialSystemProcess export, or, when that is missing or unreadable, from a
    /// scan of <paramref name="scanMemory"/> for System's ImageFileName (skipped when null).
    /// </summary>
    public static EprocessHeuristicsResult Run(WindowsTranslator translator, KernelIdentity identity, IPhysicalMemory? scanMemory = null) =>
        new EprocessHeuristics(translator, identity).Run(scanMemory);

    private EprocessHeuristicsResult Run(IPhysicalMemory? scanMemory)
    {
        var (system, foundBy) = FromExport();
        if (system is null && scanMemory is not null) (system, foundBy) = (FromPhysicalScan(scanMemory), "physical scan for ImageFileName \"System\"");
        if (system is null)
        {
            _warnings.Add("the System EPROCESS was not found: no EPROCESS offsets from heuristics");
            return Result(null, null, 0, false);
        }
        if (ReadSample(system.Value, -1) is not { } s)
        {
            _warnings.Add($"the System EPROCESS at 0x{system:X} cannot be read");
            return Result(system, foundBy, 0, false);
        }

        if ((s.Q(DtbOffset) & HardwarePageTables.Frame) == _kernelDtb) Set("_KPROCESS.DirectoryTableBase", DtbOffset);
        else _warnings.Add($"System's qword at +0x{DtbOffset:X} (0x{s.Q(DtbOffset):X}) is not the kernel DTB 0x{_kernelDtb:X}");

        var name = FindSystemName(s.Bytes);
        if (name < 0) return Stop(system, foundBy, "ImageFileName \"System\" is not in System's first 0x800 bytes");
        Set("_EPROCESS.ImageFileName", name);
        s = s with { Name = "System" };

        var pid = FindPid(s, name);
        if (pid < 0) return Stop(system, foundBy, "no qword 4 in System's EPROCESS is followed by links to smss.exe/Registry whose Blink returns");
        var links = pid + 8;
        Set("_EPROCESS.UniqueProcessId", pid);
        Set("_EPROCESS.ActiveProcessLinks", links);

        var (samples, walked, closed) = Walk(s, links, name);
        var smss = samples.Take(7).FirstOrDefault(p => p.Name == "smss.exe");
        if (smss is null)
        {
            _warnings.Add("smss.exe is not among the first 7 processes: PPID, Peb, CreateTime, SectionBaseAddress and SeAuditProcessCreationInfo are not located");
            FindVadRoot(s, null, name);
            FindObjectTable(s, null, name);
            return Result(system, foundBy, walked, closed);
        }
        FindParentPid(s, smss, samples, links, name);
        var peb = FindPeb(s, smss, samples);
        FindVadRoot(s, smss, name);
        FindObjectTable(s, smss, name);
        if (peb >= 0) FindSeAudit(smss, peb);
        FindCreateTime(s, smss, samples, pid);
        if (peb >= 0) FindSectionBase(s, samples, peb);
        return Result(system, foundBy, walked, closed);
    }

    private (ulong? Va, string? FoundBy) FromExport()
    {
        if (_identity.Export("PsInitialSystemProcess") is not { } rva)
        {
            _warnings.Add("no PsInitialSystemProcess export");
            return (null, null);
        }
        Span<byte> b = stackalloc byte[8];
        if (!_translator.TryRead(_identity.Base + rva, b, out var why))
        {
            _warnings.Add($"PsInitialSystemProcess cannot be read: {why}");
            return (null, null);
        }
        var va = BinaryPrimitives.ReadUInt64LittleEndian(b);
        if (IsKernelPointer(va) && (va & 0xF) == 0) return (va, "PsInitialSystemProcess export");
        _warnings.Add($"PsInitialSystemProcess holds 0x{va:X}, not an aligned kernel pointer");
        return (null, null);
    }

    /// <summary>
    /// "System\0" in physical memory, then within its page a qword 4 followed by a Flink whose target's Blink gives
    /// System's link address, hence the name's virtual address; the EPROCESS starts where the dispatcher header
    /// says ProcessObject (type 3) and +0x28 holds the kernel DTB.
    /// </summary>
    private ulong? FromPhysicalScan(IPhysicalMemory memory)
    {
        const int chunkBytes = 1 << 20;
        var chunk = new byte[chunkBytes];
        var hits = 0;
        foreach (var run in memory.Runs)
        {
            for (var at = (run.Start + 0xFFF) & ~0xFFFL; at < run.End; at += chunkBytes)
            {
                var n = (int)Math.Min(chunkBytes, run.End - at);
                try
                {
                    memory.Read(at, chunk.AsSpan(0, n));
                }
                catch (IOException)
                {
                    continue;
                }
                for (var h = 0; h + 16 <= n; h += 8)
                {
                    if (BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(h)) != SystemName || chunk.AsSpan(h + 8, 7).ContainsAnyExcept((byte)0)) continue;
                    if (++hits > MaxScanHits) return null;
                    if (SystemFromNameHit(chunk, h) is { } va) return va;
                }
            }
        }
        return null;
    }

    private ulong? SystemFromNameHit(byte[] chunk, int h)
    {
        var pageStart = h & ~0xFFF;
        Span<byte> head = stackalloc byte[DtbOffset + 8];
        for (var j = h - 8; j >= pageStart && j >= h - 0x200; j -= 8)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(j)) != 4) continue;
            var flink = BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(j + 8));
            if (!IsKernelPointer(flink) || (flink & 7) != 0 || ReadKernel64(flink + 8) is not { } systemLinks || !IsKernelPointer(systemLinks)) continue;
            var nameVa = systemLinks + (ulong)(h - (j + 8));
            for (var k = 0x100UL; k < SampleBytes; k += 8)
            {
                var start = nameVa - k;
                if (!_translator.TryRead(start, head, out _)) continue;
                if (head[0] == 3 && (BinaryPrimitives.ReadUInt64LittleEndian(head[DtbOffset..]) & HardwarePageTables.Frame) == _kernelDtb) return start;
            }
        }
        return null;
    }

    private static int FindSystemName(byte[] s)
    {
        for (var i = 0; i + 16 <= s.Length; i += 8)
            if (BinaryPrimitives.ReadUInt64LittleEndian(s.AsSpan(i)) == SystemName && !s.AsSpan(i + 8, 7).ContainsAnyExcept((byte)0)) return i;
        return -1;
    }

    private int FindPid(ProcessSample s, int name)
    {
        for (var i = 8; i < name; i += 8)
        {
            if (s.Q(i) != 4) continue;
            var flink = s.Q(i + 8);
            if (!IsKernelPointer(flink) || (flink & 7) != 0 || !IsKernelPointer(s.Q(i + 16))) continue;
            if (ReadSample(flink - (ulong)(i + 8), name) is not { } next) continue;
            if (!FirstAfterSystem.Contains(Encoding.ASCII.GetString(next.Bytes, name, 8))) continue;
            if (next.Q(i + 16) == s.Va + (ulong)i + 8) return i;
        }
        return -1;
    }

    /// <summary>Follows Flink from System to the list head; stops (with a warning) at a dangling Flink, a Blink that does not return, or a cycle.</summary>
    private (List<ProcessSample> Samples, int Walked, bool Closed) Walk(ProcessSample system, int links, int name)
    {
        var samples = new List<ProcessSample>();
        var head = system.Q(links + 8);
        var previous = system.Va + (ulong)links;
        var visited = new HashSet<ulong> { previous };
        var flink = system.Q(links);
        var walked = 1;
        while (flink != head)
        {
            if (walked >= MaxWalk)
            {
                _warnings.Add($"process list walk stopped after {MaxWalk} entries");
                return (samples, walked, false);
            }
            if (!IsKernelPointer(flink) || !visited.Add(flink))
            {
                _warnings.Add(IsKernelPointer(flink)
                    ? $"process list: Flink 0x{flink:X} after 0x{previous:X} loops back without reaching the head 0x{head:X} (cycle)"
                    : $"process list: Flink 0x{flink:X} after 0x{previous:X} is not a kernel pointer (dangling)");
                return (samples, walked, false);
            }
            var pair = new byte[16];
            if (!_translator.TryRead(flink, pair, out var why))
            {
                _warnings.Add($"process list: Flink 0x{flink:X} after 0x{previous:X} cannot be read (dangling): {why}");
                return (samples, walked, false);
            }
            var blink = BitConverter.ToUInt64(pair, 8);
            if (blink != previous)
            {
                _warnings.Add($"process list: the Blink at 0x{flink + 8:X} is 0x{blink:X}, not 0x{previous:X}");
                return (samples, walked, false);
            }
            walked++;
            if (samples.Count < MaxSamples && ReadSample(flink - (ulong)links, name) is { } sample) samples.Add(sample);
            previous = flink;
            flink = BitConverter.ToUInt64(pair, 0);
        }
        NoteListHead(head, system.Va + (ulong)links, previous);
        return (samples, walked, true);
    }

    /// <summary>System is the first process, so its Blink is PsActiveProcessHead; kept when it lies in ntoskrnl and links both ways.</summary>
    private void NoteListHead(ulong head, ulong systemLinks, ulong last)
    {
        var pair = new byte[16];
        if (!_identity.Contains(head) || !_translator.TryRead(head, pair, out _)) return;
        if (BitConverter.ToUInt64(pair, 0) == systemLinks && BitConverter.ToUInt64(pair, 8) == last)
            _profile.SetRva("PsActiveProcessHead", head - _identity.Base, Source);
    }

    private void FindParentPid(ProcessSample s, ProcessSample smss, List<ProcessSample> samples, int links, int name)
    {
        for (var i = links + 16; i < name; i += 8)
            if (s.Q(i) == 0 && smss.Q(i) == 4 && samples.All(p => p.Q(i) % 4 == 0 && p.Q(i) < 0x1000_0000))
            {
                Set("_EPROCESS.InheritedFromUniqueProcessId", i);
                return;
            }
        _warnings.Add("InheritedFromUniqueProcessId: no offset is 0 in System and 4 in smss.exe");
    }

    private int FindPeb(ProcessSample s, ProcessSample smss, List<ProcessSample> samples)
    {
        var candidates = samples.SkipWhile(p => p != smss).Where(p => p.Dtb != 0 && p.Dtb != _kernelDtb).Take(4);
        foreach (var p in candidates)
            for (var i = 0x280; i < 0x580; i += 8)
            {
                var v = p.Q(i);
                if (s.Q(i) != 0 || !IsUserPage(v) || !UserPageWithoutMz(p.Dtb, v)) continue;
                if (!samples.All(o => o.Q(i) == 0 || IsUserPage(o.Q(i)))) continue;
                Set("_EPROCESS.Peb", i);
                return i;
            }
        _warnings.Add("Peb: no offset holds a readable, page-aligned user address (not an image) in smss.exe and 0 in System");
        return -1;
    }

    private void FindVadRoot(ProcessSample s, ProcessSample? smss, int name)
    {
        for (var i = name + 0x140; i < 0x7F0; i += 8)
        {
            var v = s.Q(i);
            if (!IsKernelPointer(v) || (s.D(i - 4) != StatusPending && s.D(i - 12) != StatusPending)) continue;
            if (smss is not null && !IsKernelPointer(smss.Q(i))) continue;
            var at = i;
            for (var j = i - 8; j >= i - 0x40 && j > name; j -= 8)
                if (s.Q(j) == v) at = j;
            Set("_EPROCESS.VadRoot", at);
            if (s.D(at - 4) == StatusPending && (smss is null || smss.D(at - 4) == StatusPending)) Set("_EPROCESS.ExitStatus", at - 4);
            return;
        }
        _warnings.Add("VadRoot: no kernel pointer after ExitStatus STATUS_PENDING (0x103) in [ImageFileName+0x140, 0x7F0)");
    }

    private void FindObjectTable(ProcessSample s, ProcessSample? smss, int name)
    {
        for (var i = Math.Max(0, name - 0xE0); i < name - 0x20; i += 8)
            if (IsHandleTable(s.Q(i)) && (smss is null || IsHandleTable(smss.Q(i))))
            {
                Set("_EPROCESS.ObjectTable", i);
                return;
            }
        _warnings.Add("ObjectTable: no pointer to an 'Obtb' pool block in [ImageFileName-0xE0, ImageFileName-0x20)");
    }

    private bool IsHandleTable(ulong p)
    {
        if (!IsKernelPointer(p) || (p & 0xF) != 0) return false;
        Span<byte> tag = stackalloc byte[4];
        if (_translator.TryRead(p - 0xC, tag, out _) && tag.SequenceEqual("Obtb"u8)) return true;
        if ((p & 0xFFF) != 0) return false;
        Span<byte> q = stackalloc byte[0x28];
        if (!_translator.TryRead(p, q, out _)) return false;
        var a = BinaryPrimitives.ReadUInt64LittleEndian(q[0x18..]);
        var b = BinaryPrimitives.ReadUInt64LittleEndian(q[0x20..]);
        return BinaryPrimitives.ReadUInt64LittleEndian(q[0x10..]) == 0 && IsKernelPointer(a) && (a & 7) == 0 && IsKernelPointer(b) && (b & 7) == 0;
    }

    private void FindSeAudit(ProcessSample smss, int peb)
    {
        Span<byte> name = stackalloc byte[0x20];
        for (var i = peb + 0x58; i < peb + 0x90 && i + 8 <= SampleBytes; i += 8)
        {
            var p = smss.Q(i);
            if (!IsKernelPointer(p) || (p & 7) != 0 || !_translator.TryRead(p, name, out _)) continue;
            var length = BinaryPrimitives.ReadUInt16LittleEndian(name);
            var maximum = BinaryPrimitives.ReadUInt16LittleEndian(name[2..]);
            if (length < 16 || length >= 520 || length >= maximum || !name[0x10..].SequenceEqual(DevicePrefix)) continue;
            Set("_EPROCESS.SeAuditProcessCreationInfo", i);
            return;
        }
        _warnings.Add("SeAuditProcessCreationInfo: no pointer to an inline \\Device\\ name in smss.exe's [Peb+0x58, Peb+0x90)");
    }

    private void FindCreateTime(ProcessSample s, ProcessSample smss, List<ProcessSample> samples, int pid)
    {
        var upper = ((_identity.SharedData?.SystemTime ?? DateTime.UtcNow).ToFileTimeUtc()) + OneDay;
        bool InRange(long t) => t >= MinFileTime && t <= upper;
        var others = samples.Where(p => p != smss).ToList();
        for (var i = Math.Max(0, pid - 0x40); i <= pid + 0x40; i += 8)
        {
            var system = (long)s.Q(i);
            var first = (long)smss.Q(i);
            if (!InRange(system) || !InRange(first) || first < system || first > system + OneHour) continue;
            if (others.Count == 0 || !others.All(p => InRange((long)p.Q(i)) && (long)p.Q(i) >= system)) continue;
            Set("_EPROCESS.CreateTime", i);
            return;
        }
        _warnings.Add("CreateTime: no offset near UniqueProcessId holds boot-ordered FILETIMEs in System, smss.exe and the others");
    }

    private void FindSectionBase(ProcessSample s, List<ProcessSample> samples, int peb)
    {
        var bases = new List<(ProcessSample Process, ulong ImageBase)>();
        Span<byte> b = stackalloc byte[8];
        foreach (var p in samples.Where(p => p.Dtb != _kernelDtb && p.Q(peb) != 0))
            if (ReadUser(p.Dtb, p.Q(peb) + 0x10, b) && BinaryPrimitives.ReadUInt64LittleEndian(b) is var imageBase && imageBase != 0 && imageBase < 0x0000_8000_0000_0000)
                bases.Add((p, imageBase));
        if (bases.Count < 2)
        {
            _warnings.Add($"SectionBaseAddress: {bases.Count} readable PEB.ImageBaseAddress values, 2 needed");
            return;
        }
        for (var i = 0; i + 8 <= SampleBytes; i += 8)
            if (s.Q(i) == 0 && bases.All(x => x.Process.Q(i) == x.ImageBase))
            {
                Set("_EPROCESS.SectionBaseAddress", i);
                return;
            }
        _warnings.Add("SectionBaseAddress: no offset equals PEB.ImageBaseAddress in every process read");
    }

    private bool UserPageWithoutMz(ulong dtb, ulong va)
    {
        Span<byte> two = stackalloc byte[2];
        return ReadUser(dtb, va, two) && !(two[0] == (byte)'M' && two[1] == (byte)'Z');
    }

    /// <summary>Reads within one page of a process's address space; the page must be in memory (no demand-zero guess).</summary>
    private bool ReadUser(ulong dtb, ulong va, Span<byte> destination)
    {
        var r = _translator.Translate(dtb, va, null, NoTrace.Instance);
        if (!r.Readable || r.Location is not { } location) return false;
        try
        {
            _translator.Space.Read(location, destination);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>0x800 bytes of an EPROCESS with its name (when the name offset is known) and masked DTB.</summary>
    private ProcessSample? ReadSample(ulong va, int nameOffset)
    {
        var bytes = new byte[SampleBytes];
        if (!_translator.TryRead(va, bytes, out _)) return null;
        var name = nameOffset < 0 ? "" : Encoding.ASCII.GetString(bytes, nameOffset, 15).TrimEnd('\0');
        return new ProcessSample(va, bytes, name, BitConverter.ToUInt64(bytes, DtbOffset) & HardwarePageTables.Frame);
    }

    private ulong? ReadKernel64(ulong va)
    {
        Span<byte> b = stackalloc byte[8];
        return _translator.TryRead(va, b, out _) ? BinaryPrimitives.ReadUInt64LittleEndian(b) : null;
    }

    private void Set(string field, int offset) => _profile.SetOffset(field, offset, Source);

    private EprocessHeuristicsResult Stop(ulong? system, string? foundBy, string warning)
    {
        _warnings.Add(warning);
        return Result(system, foundBy, 0, false);
    }

    private EprocessHeuristicsResult Result(ulong? system, string? foundBy, int walked, bool closed) =>
        new(_profile, system, foundBy, walked, closed, _warnings);

    private static bool IsUserPage(ulong v) => v != 0 && (v & 0xFFF) == 0 && v < 0x0000_8000_0000_0000;

    private static bool IsKernelPointer(ulong v) => v >= 0xFFFF_8000_0000_0000;
}
