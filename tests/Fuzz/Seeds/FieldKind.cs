namespace MemFs.Fuzz.Seeds;

/// <summary>How a mutator picks a value for a <see cref="StructureField"/>.</summary>
internal enum FieldKind
{
    /// <summary>A list or tree link: also gets the addresses of other nodes (loops, cycles).</summary>
    Link,
    /// <summary>Any other pointer.</summary>
    Pointer,
    /// <summary>A size, count, offset or number.</summary>
    Number,
    /// <summary>A page table entry (any level).</summary>
    PageEntry,
}
