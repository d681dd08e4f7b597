namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The structures, unions and enums of a TPI stream, by name. One pass reads every UDT/enum header and keeps the
/// full definitions (not forward references) by unique name and by name; a structure's field list is read when it
/// is first asked for. Forward references resolve by unique name, then name. Type chains (modifiers, pointers,
/// arrays) are followed at most <see cref="MaxDepth"/> links and field-list continuations (LF_INDEX) are
/// cycle-guarded, so a damaged or hostile PDB ends in an exception, not a hang.
/// </summary>
internal sealed class PdbTypes
{
    public const int MaxDepth = 64;

    private readonly TpiStream _tpi;
    private readonly Dictionary<uint, PdbUdtRecord> _udts = [];
    private readonly Dictionary<string, uint> _byUniqueName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _enumsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, PdbStructure> _structures = [];
    private readonly Lock _lock = new();

    public PdbTypes(TpiStream tpi)
    {
        _tpi = tpi;
        for (var ti = tpi.TypeIndexBegin; ti < tpi.TypeIndexEnd; ti++)
        {
            var udt = PdbUdtRecord.Read(tpi, ti);
            if (udt is null) continue;
            _udts[ti] = udt;
            if (udt.IsForwardReference) continue;
            if (udt.IsEnum)
            {
                _enumsByName.TryAdd(udt.Name, ti);
                continue;
            }
            if (udt.UniqueName is not null) _byUniqueName.TryAdd(udt.UniqueName, ti);
            _byName.TryAdd(udt.Name, ti);
        }
    }

    public TpiStream Tpi => _tpi;

    /// <summary>Names of all fully defined structures, classes and unions.</summary>
    public IEnumerable<string> StructureNames => _byName.Keys;

    public IEnumerable<string> EnumNames => _enumsByName.Keys;

    /// <summary>The full definition of a structure, class or union by name (or unique name), or null.</summary>
    public PdbStructure? Structure(string name) =>
        _byName.TryGetValue(name, out var ti) || _byUniqueName.TryGetValue(name, out ti) ? Structure(ti) : null;

    /// <summary>The structure a type index names (following a forward reference), or null if it is not one or has no definition.</summary>
    public PdbStructure? Structure(uint typeIndex)
    {
        var udt = Definition(typeIndex);
        if (udt is null || udt.IsEnum) return null;
        lock (_lock)
        {
            if (_structures.TryGetValue(udt.TypeIndex, out var done)) return done;
            var members = new List<PdbMember>();
            ReadFieldList(udt, (r, kind) =>
            {
                if (kind != LeafKind.LF_MEMBER) return false;
                r.U16(); // attributes
                var at = r.Position;
                var type = r.U32();
                var offset = r.NumericInt("member offset");
                var name = r.CString();
                CheckIndex(r, at, type);
                members.Add(Member(name, offset, type));
                return true;
            });
            var structure = new PdbStructure(udt.TypeIndex, udt.Kind, udt.Name, udt.UniqueName, udt.Size, members);
            _structures[udt.TypeIndex] = structure;
            return structure;
        }
    }

    /// <summary>An enum by name with its enumerators, or null.</summary>
    public PdbEnum? Enum(string name)
    {
        if (!_enumsByName.TryGetValue(name, out var ti)) return null;
        var udt = _udts[ti];
        var values = new List<PdbEnumerator>();
        ReadFieldList(udt, (r, kind) =>
        {
            if (kind != LeafKind.LF_ENUMERATE) return false;
            r.U16();
            var value = r.Numeric();
            values.Add(new PdbEnumerator(r.CString(), value));
            return true;
        });
        return new PdbEnum(ti, udt.Name, udt.Underlying, values);
    }

    /// <summary>The full definition a UDT/enum type index stands for (itself, or the one its forward reference names), or null.</summary>
    public PdbUdtRecord? Definition(uint typeIndex)
    {
        if (!_udts.TryGetValue(typeIndex, out var udt)) return null;
        if (!udt.IsForwardReference) return udt;
        var names = udt.IsEnum ? _enumsByName : _byName;
        if (!udt.IsEnum && udt.UniqueName is not null && _byUniqueName.TryGetValue(udt.UniqueName, out var full)) return _udts[full];
        return names.TryGetValue(udt.Name, out full) ? _udts[full] : null;
    }

    /// <summary>The size in bytes of a type, or null when it is unknown (void function, undefined forward reference).</summary>
    public int? SizeOf(uint typeIndex) => SizeOf(typeIndex, 0);

    /// <summary>A readable C-like name: "_LIST_ENTRY", "_PEB*", "unsigned char[15]", "volatile long".</summary>
    public string Describe(uint typeIndex) => Describe(typeIndex, 0);

    private PdbMember Member(string name, int offset, uint type)
    {
        if (!PdbPrimitiveType.IsPrimitive(type) && _tpi.Kind(type) == LeafKind.LF_BITFIELD)
        {
            var r = _tpi.Record(type);
            var underlying = r.U32();
            var length = r.U8();
            var position = r.U8();
            CheckIndex(r, r.Start, underlying);
            return new PdbMember(name, offset, type, Describe(underlying), new BitField(position, length));
        }
        return new PdbMember(name, offset, type, Describe(type), null);
    }

    /// <summary>
    /// Walks a UDT's field list and its LF_INDEX continuations; <paramref name="wanted"/> reads the entries it
    /// wants and returns true, every other known entry is skipped by its own layout. Pad bytes 0xF0–0xFF skip
    /// their low nibble.
    /// </summary>
    private void ReadFieldList(PdbUdtRecord udt, Func<MsfStreamReader, LeafKind, bool> wanted)
    {
        var list = udt.FieldList;
        var seen = new HashSet<uint>();
        var from = _tpi.Record(udt.TypeIndex);
        while (list != 0)
        {
            if (!_tpi.Contains(list))
                throw from.Fail(from.Start, $"field list 0x{list:X} of {udt.Name} is outside the type indices 0x{_tpi.TypeIndexBegin:X}–0x{_tpi.TypeIndexEnd - 1:X}");
            if (!seen.Add(list) || seen.Count > MaxDepth * 1024)
                throw from.Fail(from.Start, $"the field list of {udt.Name} continues into field list 0x{list:X} again (LF_INDEX cycle)");
            if (_tpi.Kind(list) != LeafKind.LF_FIELDLIST)
                throw from.Fail(from.Start, $"field list 0x{list:X} of {udt.Name} is a {TpiStream.Name(_tpi.Kind(list))}, not an LF_FIELDLIST");
            var r = _tpi.Record(list);
            var next = 0u;
            while (r.Remaining > 0)
            {
                var b = r.Peek();
                if (b >= 0xF0)
                {
                    r.Skip(Math.Min(Math.Max(1, b & 0x0F), r.Remaining));
                    continue;
                }
                var at = r.Position;
                var kind = (LeafKind)r.U16();
                if (wanted(r, kind)) continue;
                switch (kind)
                {
                    case LeafKind.LF_MEMBER:
                        r.U16(); r.U32(); r.Numeric(); r.CString();
                        break;
                    case LeafKind.LF_ENUMERATE:
                        r.U16(); r.Numeric(); r.CString();
                        break;
                    case LeafKind.LF_STMEMBER:
                    case LeafKind.LF_NESTTYPE:
                    case LeafKind.LF_NESTTYPEEX:
                    case LeafKind.LF_FRIENDFCN:
                        r.U16(); r.U32(); r.CString();
                        break;
                    case LeafKind.LF_METHOD:
                        r.U16(); r.U32(); r.CString();
                        break;
                    case LeafKind.LF_ONEMETHOD:
                        var attrs = r.U16();
                        r.U32();
                        if (((attrs >> 2) & 7) is 4 or 6) r.U32(); // introducing virtual: vtable offset
                        r.CString();
                        break;
                    case LeafKind.LF_BCLASS:
                        r.U16(); r.U32(); r.Numeric();
                        break;
                    case LeafKind.LF_VBCLASS:
                    case LeafKind.LF_IVBCLASS:
                        r.U16(); r.U32(); r.U32(); r.Numeric(); r.Numeric();
                        break;
                    case LeafKind.LF_VFUNCTAB:
                    case LeafKind.LF_FRIENDCLS:
                        r.U16(); r.U32();
                        break;
                    case LeafKind.LF_INDEX:
                        r.U16();
                        next = r.U32();
                        break;
                    default:
                        throw r.Fail(at, $"unknown field list entry {TpiStream.Name(kind)} in the field list of {udt.Name}; it cannot be skipped");
                }
            }
            from = r;
            list = next;
        }
    }

    private int? SizeOf(uint ti, int depth)
    {
        if (PdbPrimitiveType.IsPrimitive(ti)) return PdbPrimitiveType.Size(ti);
        var r = Follow(ti, depth);
        switch (_tpi.Kind(ti))
        {
            case LeafKind.LF_MODIFIER:
                return SizeOf(Next(r), depth + 1);
            case LeafKind.LF_POINTER:
                r.U32();
                var attrs = r.U32();
                var size = (int)(attrs >> 13) & 0x3F;
                return size != 0 ? size : (attrs & 0x1F) == 0x0C ? 8 : 4;
            case LeafKind.LF_ARRAY:
                Next(r);
                Next(r);
                return r.NumericInt("array size");
            case LeafKind.LF_BITFIELD:
                return SizeOf(Next(r), depth + 1);
            default:
                var udt = Definition(ti);
                if (udt is null) return null;
                return udt.IsEnum ? SizeOf(udt.Underlying, depth + 1) : udt.IsForwardReference ? null : udt.Size;
        }
    }

    private string Describe(uint ti, int depth)
    {
        if (PdbPrimitiveType.IsPrimitive(ti)) return PdbPrimitiveType.Name(ti);
        var r = Follow(ti, depth);
        switch (_tpi.Kind(ti))
        {
            case LeafKind.LF_MODIFIER:
                var modified = Next(r);
                var mods = r.U16();
                var prefix = ((mods & 1) != 0 ? "const " : "") + ((mods & 2) != 0 ? "volatile " : "");
                return prefix + Describe(modified, depth + 1);
            case LeafKind.LF_POINTER:
                return Describe(Next(r), depth + 1) + "*";
            case LeafKind.LF_ARRAY:
                var element = Next(r);
                Next(r);
                var total = r.NumericInt("array size");
                var each = SizeOf(element, depth + 1);
                var text = Describe(element, depth + 1);
                return each is > 0 ? $"{text}[{total / each}]" : $"{text}[{total} bytes]";
            case LeafKind.LF_BITFIELD:
                return Describe(Next(r), depth + 1);
            case LeafKind.LF_PROCEDURE:
            case LeafKind.LF_MFUNCTION:
                return "<function>";
            default:
                return _udts.TryGetValue(ti, out var udt) ? udt.Name : $"<{TpiStream.Name(_tpi.Kind(ti))} 0x{ti:X}>";
        }
    }

    /// <summary>A reader over a referenced record, after the depth check that stops cycles.</summary>
    private MsfStreamReader Follow(uint ti, int depth)
    {
        var r = _tpi.Record(ti);
        if (depth >= MaxDepth)
            throw r.Fail(r.Start, $"the type chain through 0x{ti:X} is longer than {MaxDepth} links (a cycle of modifiers, pointers or arrays?)");
        return r;
    }

    /// <summary>Reads a u32 type index and checks that it is primitive or inside the TPI range.</summary>
    private uint Next(MsfStreamReader r)
    {
        var at = r.Position;
        var ti = r.U32();
        CheckIndex(r, at, ti);
        return ti;
    }

    private void CheckIndex(MsfStreamReader r, int at, uint ti)
    {
        if (!PdbPrimitiveType.IsPrimitive(ti) && !_tpi.Contains(ti))
            throw r.Fail(at, $"type index 0x{ti:X} is outside 0x{_tpi.TypeIndexBegin:X}–0x{_tpi.TypeIndexEnd - 1:X}");
    }
}
