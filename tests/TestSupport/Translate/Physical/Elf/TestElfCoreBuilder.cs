using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Translate.Physical.Elf;

/// <summary>
/// Writes ELF32/ELF64 little-endian core files: header, program headers (one PT_NOTE if notes were added,
/// then the PT_LOADs in the order added), the notes, the loads' bytes in the order added, and with
/// <see cref="ExtendedNumbering"/> a section header 0 whose sh_info holds the count (PN_XNUM).
/// </summary>
internal sealed class TestElfCoreBuilder(bool is64 = true)
{
    private readonly List<(ulong PAddr, ulong VAddr, byte[] Data, ulong MemSize)> _loads = [];
    private readonly MemoryStream _notes = new();

    public ushort Type { get; init; } = 4;
    public ushort Machine { get; init; } = 62;
    public bool BigEndian { get; init; }
    public bool ExtendedNumbering { get; init; }
    public int? ProgramHeaderCountOverride { get; init; }

    private int HeaderSize => is64 ? 64 : 52;
    private int EntrySize => is64 ? 56 : 32;

    /// <summary>A PT_LOAD of known page contents at physical <paramref name="start"/>.</summary>
    public TestElfCoreBuilder Load(long start, long length, long? memSize = null) =>
        Load((ulong)start, 0, PhysicalPagePattern.Bytes(start, length), (ulong)(memSize ?? length));

    public TestElfCoreBuilder Load(ulong paddr, ulong vaddr, byte[] data, ulong memSize)
    {
        _loads.Add((paddr, vaddr, data, memSize));
        return this;
    }

    /// <summary>A note, namesz counting the NUL and 4-byte padding (QEMU, Linux); VirtualBox style: namesz without the NUL, 8-byte padding.</summary>
    public TestElfCoreBuilder Note(string name, uint type, byte[] desc, bool virtualBoxStyle = false)
    {
        var align = virtualBoxStyle ? 8 : 4;
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var descSize = virtualBoxStyle ? Align(desc.Length, 8) : desc.Length;
        var header = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(virtualBoxStyle ? nameBytes.Length - 1 : nameBytes.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)descSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), type);
        _notes.Write(header);
        _notes.Write(nameBytes);
        _notes.Write(new byte[Align(nameBytes.Length, align) - nameBytes.Length]);
        _notes.Write(desc);
        _notes.Write(new byte[Align(desc.Length, align) - desc.Length]);
        return this;
    }

    /// <summary>A QEMUCPUState note: version, size, 18 registers, 10 segments, cr[5], kernel_gs_base.</summary>
    public TestElfCoreBuilder QemuNote(ulong cr3, ulong cr4 = 0x20)
    {
        var state = new byte[440];
        BinaryPrimitives.WriteUInt32LittleEndian(state, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(4), 440);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(392 + 24), cr3);
        BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(392 + 32), cr4);
        return Note("QEMU", 0, state);
    }

    /// <summary>VirtualBox's core descriptor { magic, format version, cbSelf, VBox version, revision, cCpus } and one VBCPU note per vCPU.</summary>
    public TestElfCoreBuilder VirtualBoxNotes(uint cpus)
    {
        var descriptor = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0xC01AC0DE);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(4), 0x00010000);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(8), 24);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(12), 7u << 24 | 1u << 16 | 4);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(16), 165100);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor.AsSpan(20), cpus);
        Note("VBCORE", 0xB00, descriptor, virtualBoxStyle: true);
        for (var i = 0; i < cpus; i++) Note("VBCPU", 0xB01, new byte[100], virtualBoxStyle: true);
        return this;
    }

    public byte[] ToArray()
    {
        var notes = _notes.ToArray();
        var count = (notes.Length > 0 ? 1 : 0) + _loads.Count;
        var phoff = HeaderSize;
        var dataAt = (long)phoff + count * EntrySize;
        var output = new MemoryStream();
        output.Write(new byte[dataAt]);
        var tables = new List<byte[]>();
        if (notes.Length > 0)
        {
            tables.Add(Entry(4, dataAt, 0, 0, (ulong)notes.Length, (ulong)notes.Length));
            output.Write(notes);
        }
        foreach (var load in _loads)
        {
            tables.Add(Entry(1, output.Position, load.VAddr, load.PAddr, (ulong)load.Data.Length, load.MemSize));
            output.Write(load.Data);
        }
        var shoff = ExtendedNumbering ? output.Position : 0;
        if (ExtendedNumbering) output.Write(SectionZero((uint)count));

        var bytes = output.ToArray();
        Header((uint)phoff, (ulong)shoff, ProgramHeaderCountOverride ?? (ExtendedNumbering ? 0xFFFF : count)).CopyTo(bytes, 0);
        for (var i = 0; i < tables.Count; i++) tables[i].CopyTo(bytes, phoff + i * EntrySize);
        return bytes;
    }

    private byte[] Header(uint phoff, ulong shoff, int phnum)
    {
        var h = new byte[HeaderSize];
        h[0] = 0x7F; h[1] = (byte)'E'; h[2] = (byte)'L'; h[3] = (byte)'F';
        h[4] = (byte)(is64 ? 2 : 1);
        h[5] = (byte)(BigEndian ? 2 : 1);
        h[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(16), Type);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(18), Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(20), 1);
        if (is64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(32), phoff);
            BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(40), shoff);
            Sizes(h.AsSpan(52), phnum, 64);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), phoff);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(32), (uint)shoff);
            Sizes(h.AsSpan(40), phnum, 40);
        }
        return h;

        void Sizes(Span<byte> at, int count, int sectionSize)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)HeaderSize);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)EntrySize);
            BinaryPrimitives.WriteUInt16LittleEndian(at[4..], (ushort)count);
            BinaryPrimitives.WriteUInt16LittleEndian(at[6..], (ushort)(ExtendedNumbering ? sectionSize : 0));
            BinaryPrimitives.WriteUInt16LittleEndian(at[8..], (ushort)(ExtendedNumbering ? 1 : 0));
        }
    }

    private byte[] Entry(uint type, long offset, ulong vaddr, ulong paddr, ulong filesz, ulong memsz)
    {
        var e = new byte[EntrySize];
        BinaryPrimitives.WriteUInt32LittleEndian(e, type);
        if (is64)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(4), 4);
            BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(8), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(16), vaddr);
            BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(24), paddr);
            BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(32), filesz);
            BinaryPrimitives.WriteUInt64LittleEndian(e.AsSpan(40), memsz);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(4), (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(8), (uint)vaddr);
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(12), (uint)paddr);
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(16), (uint)filesz);
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(20), (uint)memsz);
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(24), 4);
        }
        return e;
    }

    private byte[] SectionZero(uint count)
    {
        var s = new byte[is64 ? 64 : 40];
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(is64 ? 44 : 28), count);
        return s;
    }

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
