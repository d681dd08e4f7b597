using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>
/// Test-only writers for the streams yaml2pdb cannot express: a DBI stream whose optional debug header names a
/// section-header stream, S_PUB32 symbol records and IMAGE_SECTION_HEADERs; plus a minimal PDB info stream.
/// </summary>
public static class PdbBuilder
{
    public const ushort None = 0xFFFF;

    public static byte[] Info(Guid guid, uint age, uint signature = 0x12345678)
    {
        var b = new byte[28 + 16];
        BinaryPrimitives.WriteUInt32LittleEndian(b, PdbInfoStream.VC70);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), signature);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), age);
        guid.TryWriteBytes(b.AsSpan(12));
        return b; // the named-stream map that follows is all zeros: empty
    }

    /// <summary>A DBI stream with empty substreams and an 11-entry optional debug header.</summary>
    public static byte[] Dbi(uint age, ushort machine, ushort symRecordStream, ushort sectionHeaderStream,
        ushort omapFromSrc = None, ushort sectionHeaderOrig = None)
    {
        var b = new byte[DbiStream.HeaderSize + 22];
        BinaryPrimitives.WriteInt32LittleEndian(b, -1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), DbiStream.V70);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), age);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), None); // globals
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), None); // publics
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(20), symRecordStream);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(48), 22); // OptionalDbgHeaderSize
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(58), machine);
        for (var i = 0; i < 11; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(64 + i * 2), None);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(64 + DbiStream.DbgSectionHdr * 2), sectionHeaderStream);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(64 + DbiStream.DbgOmapFromSrc * 2), omapFromSrc);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(64 + DbiStream.DbgSectionHdrOrig * 2), sectionHeaderOrig);
        return b;
    }

    public static byte[] Publics(IEnumerable<(string Name, ushort Segment, uint Offset, uint Flags)> symbols)
    {
        var all = new List<byte>();
        foreach (var (name, segment, offset, flags) in symbols)
        {
            var body = new List<byte>();
            body.AddRange(TpiBuilder.U16(PublicSymbol.S_PUB32));
            body.AddRange(TpiBuilder.U32(flags));
            body.AddRange(TpiBuilder.U32(offset));
            body.AddRange(TpiBuilder.U16(segment));
            body.AddRange(Encoding.UTF8.GetBytes(name));
            body.Add(0);
            while ((body.Count + 2) % 4 != 0) body.Add(0);
            all.AddRange(TpiBuilder.U16((ushort)body.Count));
            all.AddRange(body);
        }
        return all.ToArray();
    }

    public static byte[] Sections(IEnumerable<(string Name, uint VirtualAddress, uint VirtualSize)> sections)
    {
        var all = new List<byte>();
        foreach (var (name, va, size) in sections)
        {
            var h = new byte[ImageSectionHeader.Size];
            Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(8, name.Length)).CopyTo(h);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), size);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), va);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(36), 0x60000020);
            all.AddRange(h);
        }
        return all.ToArray();
    }

    /// <summary>A PDB of the given TPI stream with an empty DBI (no publics), for type-record tests.</summary>
    public static byte[] WithTypes(byte[] tpi, int blockSize = 512) =>
        MsfWriter.Build([[], Info(Guid.Empty, 1), tpi, Dbi(1, 0x8664, None, None)], blockSize);
}
