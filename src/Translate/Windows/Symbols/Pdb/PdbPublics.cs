namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The public symbols (S_PUB32) of the symbol-record stream, walked linearly (u16 length, u16 kind; a record is
/// length + 2 bytes), with their RVAs through the section headers, optionally mapped through the OMAP-from-source
/// table when the PDB has one. Other records are skipped.
/// </summary>
internal sealed class PdbPublics
{
    private readonly Dictionary<string, PublicSymbol> _byName = new(StringComparer.Ordinal);

    public PdbPublics(IReadOnlyList<PublicSymbol> symbols)
    {
        Symbols = symbols;
        foreach (var s in symbols) _byName.TryAdd(s.Name, s);
    }

    public static PdbPublics Empty { get; } = new([]);

    public IReadOnlyList<PublicSymbol> Symbols { get; }

    public int Count => Symbols.Count;

    public PublicSymbol? this[string name] => _byName.GetValueOrDefault(name);

    /// <summary>The RVA of a public symbol by its exact (possibly decorated) name, or null.</summary>
    public uint? Rva(string name) => _byName.TryGetValue(name, out var s) ? s.Rva : null;

    /// <summary>Reads the S_PUB32 records of the symbol-record stream.</summary>
    public static PdbPublics Read(MsfFile msf, int stream, IReadOnlyList<ImageSectionHeader> sections, PdbOmap? omap)
    {
        var data = msf.ReadStream(stream);
        var symbols = new List<PublicSymbol>();
        var pos = 0;
        while (pos < data.Length)
        {
            var r = new MsfStreamReader(msf, stream, "symbol record", data, pos, data.Length, $"record at stream offset 0x{pos:X}");
            if (data.Length - pos < 4) throw r.Fail(pos, $"{data.Length - pos} bytes left, too few for a record header");
            var length = r.U16();
            if (length < 2 || pos + 2 + length > data.Length)
                throw r.Fail(pos, $"record length {length} runs past the end of the {data.Length}-byte stream");
            var kind = r.U16();
            if (kind == PublicSymbol.S_PUB32)
            {
                var rec = new MsfStreamReader(msf, stream, "symbol record", data, pos + 4, pos + 2 + length, $"S_PUB32 at stream offset 0x{pos:X}");
                var flags = rec.U32();
                var offset = rec.U32();
                var segment = rec.U16();
                var name = rec.CString();
                symbols.Add(new PublicSymbol(name, flags, segment, offset, RvaOf(sections, omap, segment, offset)));
            }
            pos += 2 + length;
        }
        return new PdbPublics(symbols);
    }

    private static uint? RvaOf(IReadOnlyList<ImageSectionHeader> sections, PdbOmap? omap, ushort segment, uint offset)
    {
        if (segment == 0 || segment > sections.Count) return null;
        var rva = sections[segment - 1].VirtualAddress + offset;
        return omap is null ? rva : omap.Map(rva);
    }
}
