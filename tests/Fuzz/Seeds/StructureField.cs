namespace MemFs.Fuzz.Seeds;

/// <summary>One field of a kernel structure or PE header in the seed's physical memory, and what kind of value it holds.</summary>
internal sealed record StructureField(string Name, long Physical, int Width, FieldKind Kind);
