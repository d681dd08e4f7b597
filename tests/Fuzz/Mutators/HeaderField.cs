namespace MemFs.Fuzz.Mutators;

/// <summary>A field of a file header: its offset, width in bytes and name.</summary>
internal sealed record HeaderField(long Offset, int Width, string Name);
