namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// An ISF type descriptor: <see cref="Kind"/> is base, pointer, array, struct, union, class, enum, function or
/// bitfield. <see cref="Element"/> is a pointer's or array's <c>subtype</c>, or a bitfield's underlying <c>type</c>.
/// </summary>
internal sealed record IsfTypeRef(string Kind, string? Name, IsfTypeRef? Element, int? Count, int? BitPosition, int? BitLength)
{
    public bool IsAggregate => Kind is "struct" or "union" or "class";

    public bool IsBitField => Kind == "bitfield";
}
