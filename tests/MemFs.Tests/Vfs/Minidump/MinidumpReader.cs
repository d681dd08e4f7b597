using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// The tests' own reader of the minidumps MemFs writes, from the public MINIDUMP_* layouts (independent of the
/// writer): header, directory and every stream the dump carries, each checked to lie inside the file.
/// </summary>
internal sealed class MinidumpReader
{
    public sealed record Module(ulong Base, uint Size, uint CheckSum, uint TimeDateStamp, string Name, byte[] VersionInfo, byte[] CodeView);
    public sealed record Thread(uint Id, ulong Teb, ulong StackStart, uint StackSize, uint StackRva, uint ContextSize, uint ContextRva);
    public sealed record Context(uint Flags, ushort SegCs, ushort SegSs, uint EFlags, ulong Rax, ulong Rbx, ulong Rsp, ulong Rbp, ulong Rip);
    public sealed record Handle(ulong Value, string TypeName, string? ObjectName, uint Attributes, uint GrantedAccess, uint HandleCount, uint PointerCount);
    public sealed record UnloadedModule(ulong Base, uint Size, uint CheckSum, uint TimeDateStamp, string Name);
    public sealed record MemoryInfo(ulong Base, ulong AllocationBase, ulong Size, uint State, uint Protect, uint Type);
    public sealed record SystemInfo(ushort Architecture, byte Processors, uint Major, uint Minor, uint Build, uint Platform, string CsdVersion);

    private readonly byte[] _bytes;

    public MinidumpReader(byte[] bytes)
    {
        _bytes = bytes;
        if (U32(0) != 0x504D444D || (U32(4) & 0xFFFF) != 0xA793) throw new InvalidDataException("not a MINIDUMP_HEADER");
        var count = U32(8);
        var directory = U32(12);
        for (var i = 0u; i < count; i++)
        {
            var at = directory + 12 * i;
            var (type, size, rva) = (U32(at), U32(at + 4), U32(at + 8));
            if ((long)rva + size > bytes.Length) throw new InvalidDataException($"stream {type} past the end");
            Streams.Add(type, (rva, size));
        }
        Flags = U64(24);
    }

    public Dictionary<uint, (uint Rva, uint Size)> Streams { get; } = [];
    public ulong Flags { get; }

    public SystemInfo ReadSystemInfo()
    {
        var at = Streams[7].Rva;
        return new SystemInfo(U16(at), _bytes[at + 6], U32(at + 8), U32(at + 12), U32(at + 16), U32(at + 20), String(U32(at + 24)));
    }

    public (uint Flags, uint Pid, uint CreateTime) ReadMiscInfo()
    {
        var at = Streams[15].Rva;
        return (U32(at + 4), U32(at + 8), U32(at + 12));
    }

    public IReadOnlyList<Module> ReadModules()
    {
        var (at, size) = Streams[4];
        var count = U32(at);
        if (4 + 108 * count != size) throw new InvalidDataException("ModuleList size");
        return Enumerable.Range(0, (int)count).Select(i =>
        {
            var m = at + 4 + 108 * (uint)i;
            var cv = _bytes.AsSpan((int)U32(m + 80), (int)U32(m + 76)).ToArray();
            return new Module(U64(m), U32(m + 8), U32(m + 12), U32(m + 16), String(U32(m + 20)), _bytes.AsSpan((int)m + 24, 52).ToArray(), cv);
        }).ToArray();
    }

    /// <summary>UnloadedModuleList: MINIDUMP_UNLOADED_MODULE_LIST (SizeOfHeader 12, SizeOfEntry 24), then the entries.</summary>
    public IReadOnlyList<UnloadedModule> ReadUnloadedModules()
    {
        var (at, size) = Streams[14];
        if (U32(at) != 12 || U32(at + 4) != 24) throw new InvalidDataException("UnloadedModuleList header");
        var count = U32(at + 8);
        if (12 + 24 * count != size) throw new InvalidDataException("UnloadedModuleList size");
        return Enumerable.Range(0, (int)count).Select(i =>
        {
            var m = at + 12 + 24 * (uint)i;
            return new UnloadedModule(U64(m), U32(m + 8), U32(m + 12), U32(m + 16), String(U32(m + 20)));
        }).ToArray();
    }

    public IReadOnlyList<Thread> ReadThreads()
    {
        var (at, size) = Streams[3];
        var count = U32(at);
        if (4 + 48 * count != size) throw new InvalidDataException("ThreadList size");
        return Enumerable.Range(0, (int)count).Select(i =>
        {
            var t = at + 4 + 48 * (uint)i;
            return new Thread(U32(t), U64(t + 16), U64(t + 24), U32(t + 32), U32(t + 36), U32(t + 40), U32(t + 44));
        }).ToArray();
    }

    /// <summary>The AMD64 CONTEXT of <paramref name="thread"/> (winnt.h offsets: ContextFlags 0x30, SegCs 0x38, SegSs 0x42,
    /// EFlags 0x44, Rax 0x78, Rbx 0x90, Rsp 0x98, Rbp 0xA0, Rip 0xF8).</summary>
    public Context ReadContext(Thread thread)
    {
        if (thread.ContextSize != 0x4D0) throw new InvalidDataException($"thread {thread.Id}: a context of {thread.ContextSize} bytes is not an AMD64 CONTEXT");
        var at = thread.ContextRva;
        return new Context(U32(at + 0x30), U16(at + 0x38), U16(at + 0x42), U32(at + 0x44), U64(at + 0x78), U64(at + 0x90), U64(at + 0x98),
            U64(at + 0xA0), U64(at + 0xF8));
    }

    /// <summary>HandleDataStream (type 12): the 16-byte header, then MINIDUMP_HANDLE_DESCRIPTORs (32 bytes, or 40 for _2).</summary>
    public IReadOnlyList<Handle> ReadHandles()
    {
        var (at, size) = Streams[12];
        var (header, descriptor, count) = (U32(at), U32(at + 4), U32(at + 8));
        if (header != 16 || descriptor is not (32 or 40) || header + (long)descriptor * count != size) throw new InvalidDataException("HandleData header");
        return Enumerable.Range(0, (int)count).Select(i =>
        {
            var d = at + header + descriptor * (uint)i;
            var nameRva = U32(d + 12);
            return new Handle(U64(d), String(U32(d + 8)), nameRva == 0 ? null : String(nameRva), U32(d + 16), U32(d + 20), U32(d + 24), U32(d + 28));
        }).ToArray();
    }

    public IReadOnlyList<MemoryInfo> ReadMemoryInfo()
    {
        var at = Streams[16].Rva;
        if (U32(at) != 16 || U32(at + 4) != 48) throw new InvalidDataException("MemoryInfoList header");
        return Enumerable.Range(0, (int)U64(at + 8)).Select(i =>
        {
            var e = at + 16 + 48 * (uint)i;
            return new MemoryInfo(U64(e), U64(e + 8), U64(e + 24), U32(e + 32), U32(e + 36), U32(e + 40));
        }).ToArray();
    }

    /// <summary>Memory64List: every range with the file offset of its bytes.</summary>
    public IReadOnlyList<(ulong Va, ulong Size, long Offset)> ReadMemory64()
    {
        var (at, size) = Streams[9];
        var count = U64(at);
        if (16 + 16 * count != size) throw new InvalidDataException("Memory64List size");
        var offset = (long)U64(at + 8);
        var ranges = new List<(ulong, ulong, long)>();
        for (var i = 0u; i < count; i++)
        {
            var (va, length) = (U64(at + 16 + 16 * i), U64(at + 24 + 16 * i));
            ranges.Add((va, length, offset));
            offset += (long)length;
        }
        if (offset != _bytes.Length) throw new InvalidDataException($"Memory64List data ends at 0x{offset:X}, the file at 0x{_bytes.Length:X}");
        return ranges;
    }

    public ReadOnlySpan<byte> Bytes(long offset, int length) => _bytes.AsSpan((int)offset, length);

    private string String(uint rva) => Encoding.Unicode.GetString(_bytes, (int)rva + 4, (int)U32(rva));
    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)at));
    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)at));
    private ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)at));
}
