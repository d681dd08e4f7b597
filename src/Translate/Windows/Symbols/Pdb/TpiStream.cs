using System.Buffers.Binary;

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The TPI stream (stream 2): a 56-byte header and the type records, one per type index from <see
/// cref="TypeIndexBegin"/> (LLVM PDB docs, "The PDB TPI and IPI Streams"). Each record is u16 length (not counting
/// itself), u16 kind, payload; all of them must lie inside TypeRecordBytes and their number must equal End − Begin.
/// </summary>
internal sealed class TpiStream
{
    public const int Index = 2;
    public const uint V80 = 20040203;
    public const int MinHeaderSize = 56;

    private readonly MsfFile _msf;
    private readonly byte[] _data;
    private readonly int[] _recordOffsets;

    private TpiStream(MsfFile msf, byte[] data)
    {
        _msf = msf;
        _data = data;
        var h = new MsfStreamReader(msf, Index, "TPI", data, 0, data.Length, "header");
        if (data.Length < MinHeaderSize) throw h.Fail(0, $"the stream is {data.Length} bytes, shorter than the {MinHeaderSize}-byte header");
        Version = h.U32();
        if (Version != V80) throw h.Fail(0, $"Version {Version} is not V80 (20040203)");
        HeaderSize = h.U32();
        if (HeaderSize < MinHeaderSize || HeaderSize > data.Length) throw h.Fail(4, $"HeaderSize {HeaderSize} is not between {MinHeaderSize} and the stream size {data.Length}");
        TypeIndexBegin = h.U32();
        TypeIndexEnd = h.U32();
        if (TypeIndexBegin < 0x1000 || TypeIndexEnd < TypeIndexBegin || TypeIndexEnd - TypeIndexBegin > data.Length / 4)
            throw h.Fail(8, $"type index range 0x{TypeIndexBegin:X}–0x{TypeIndexEnd:X} is not possible in a {data.Length}-byte stream");
        TypeRecordBytes = h.U32();
        if (HeaderSize + (long)TypeRecordBytes > data.Length)
            throw h.Fail(16, $"TypeRecordBytes {TypeRecordBytes} after the {HeaderSize}-byte header run past the {data.Length}-byte stream");
        HashStreamIndex = h.U16();
        HashAuxStreamIndex = h.U16();

        var count = (int)(TypeIndexEnd - TypeIndexBegin);
        _recordOffsets = new int[count];
        var pos = (int)HeaderSize;
        var end = (int)(HeaderSize + TypeRecordBytes);
        for (var i = 0; i < count; i++)
        {
            var r = new MsfStreamReader(msf, Index, "TPI", data, pos, end, $"record 0x{TypeIndexBegin + i:X}");
            if (end - pos < 4) throw r.Fail(pos, $"the type records end after {i} of {count} records (TypeIndexEnd 0x{TypeIndexEnd:X})");
            var length = r.U16();
            if (length < 2 || pos + 2 + length > end)
                throw r.Fail(pos, $"record length {length} runs past the type records (end at stream offset 0x{end:X})");
            _recordOffsets[i] = pos;
            pos += 2 + length;
        }
        if (pos != end)
            throw new MsfStreamReader(msf, Index, "TPI", data, pos, end).Fail(pos,
                $"{end - pos} bytes of type records are left after the last type index 0x{TypeIndexEnd - 1:X}");
    }

    public static TpiStream Read(MsfFile msf)
    {
        if (!msf.HasStream(Index)) throw msf.Bad(null, "the TPI stream (stream 2) is missing");
        return new TpiStream(msf, msf.ReadStream(Index));
    }

    public uint Version { get; }
    public uint HeaderSize { get; }
    public uint TypeIndexBegin { get; }

    /// <summary>One past the last type index.</summary>
    public uint TypeIndexEnd { get; }
    public uint TypeRecordBytes { get; }
    public ushort HashStreamIndex { get; }
    public ushort HashAuxStreamIndex { get; }

    public int RecordCount => _recordOffsets.Length;

    public bool Contains(uint typeIndex) => typeIndex >= TypeIndexBegin && typeIndex < TypeIndexEnd;

    /// <summary>The leaf kind of a record; the index must be in range.</summary>
    public LeafKind Kind(uint typeIndex) =>
        (LeafKind)BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(Offset(typeIndex) + 2));

    /// <summary>A reader over a record's payload (after its length and kind).</summary>
    public MsfStreamReader Record(uint typeIndex)
    {
        var at = Offset(typeIndex);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at));
        var kind = (LeafKind)BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan(at + 2));
        return new MsfStreamReader(_msf, Index, "TPI", _data, at + 4, at + 2 + length, $"record 0x{typeIndex:X} ({Name(kind)}) at stream offset 0x{at:X}");
    }

    /// <summary>The stream offset of a record (its length field).</summary>
    public int Offset(uint typeIndex)
    {
        if (!Contains(typeIndex))
            throw _msf.Bad(null, $"TPI stream {Index}: type index 0x{typeIndex:X} is outside 0x{TypeIndexBegin:X}–0x{TypeIndexEnd - 1:X}");
        return _recordOffsets[typeIndex - TypeIndexBegin];
    }

    internal static string Name(LeafKind kind) => Enum.IsDefined(kind) ? kind.ToString() : $"leaf 0x{(ushort)kind:X4}";
}
