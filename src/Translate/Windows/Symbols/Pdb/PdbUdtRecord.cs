namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The header of a structure, class, union or enum record: property flags (0x80 forward reference, 0x200 has a
/// unique name), field list, size (0 for an enum) and names. <see cref="Underlying"/> is an enum's integer type.
/// </summary>
internal sealed record PdbUdtRecord(uint TypeIndex, LeafKind Leaf, uint Properties, uint FieldList, int Size, string Name, string? UniqueName, uint Underlying)
{
    public const uint ForwardReferenceFlag = 0x80;
    public const uint HasUniqueNameFlag = 0x200;

    public bool IsForwardReference => (Properties & ForwardReferenceFlag) != 0;
    public bool IsEnum => Leaf == LeafKind.LF_ENUM;

    public PdbUdtKind Kind => Leaf switch
    {
        LeafKind.LF_UNION or LeafKind.LF_UNION2 => PdbUdtKind.Union,
        LeafKind.LF_CLASS or LeafKind.LF_CLASS2 or LeafKind.LF_INTERFACE2 => PdbUdtKind.Class,
        _ => PdbUdtKind.Structure,
    };

    /// <summary>Reads the header of a UDT or enum record, or returns null for any other leaf.</summary>
    public static PdbUdtRecord? Read(TpiStream tpi, uint typeIndex)
    {
        var leaf = tpi.Kind(typeIndex);
        if (leaf is not (LeafKind.LF_CLASS or LeafKind.LF_STRUCTURE or LeafKind.LF_UNION or LeafKind.LF_ENUM
            or LeafKind.LF_CLASS2 or LeafKind.LF_STRUCTURE2 or LeafKind.LF_UNION2 or LeafKind.LF_INTERFACE2)) return null;
        var r = tpi.Record(typeIndex);
        uint props, fieldList, underlying = 0;
        int size = 0;
        switch (leaf)
        {
            case LeafKind.LF_CLASS or LeafKind.LF_STRUCTURE:
                r.U16(); // member count
                props = r.U16();
                fieldList = r.U32();
                r.U32(); // derivation list
                r.U32(); // vtable shape
                size = r.NumericInt("size");
                break;
            case LeafKind.LF_UNION:
                r.U16();
                props = r.U16();
                fieldList = r.U32();
                size = r.NumericInt("size");
                break;
            case LeafKind.LF_ENUM:
                r.U16();
                props = r.U16();
                underlying = r.U32();
                fieldList = r.U32();
                break;
            case LeafKind.LF_UNION2:
                // Newer-compiler form (assumed by analogy with LF_CLASS2): u32 property, u32 field list, count, size.
                props = r.U32();
                fieldList = r.U32();
                r.Numeric();
                size = r.NumericInt("size");
                break;
            default:
                // LF_CLASS2 / LF_STRUCTURE2 / LF_INTERFACE2: u32 property, field list, derived, vshape, then the
                // member count and the size as numeric leaves.
                props = r.U32();
                fieldList = r.U32();
                r.U32();
                r.U32();
                r.Numeric();
                size = r.NumericInt("size");
                break;
        }
        var name = r.CString();
        var unique = (props & HasUniqueNameFlag) != 0 && r.Remaining > 0 ? r.CString() : null;
        return new PdbUdtRecord(typeIndex, leaf, props, fieldList, size, name, unique, underlying);
    }
}
