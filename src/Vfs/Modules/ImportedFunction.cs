namespace MemFs.Vfs.Modules;

/// <summary>
/// One imported function: its IAT slot, how it is imported (by name with its hint, or by ordinal; neither when the
/// lookup table is missing or unreadable), and the slot's value in memory or why it cannot be read.
/// </summary>
/// <param name="Lookup">The import lookup table's entry for it: a slot still holding it was never bound.</param>
internal sealed record ImportedFunction(ulong Slot, string? Name, ushort Hint, uint? Ordinal, ulong? Value, string? ValueMissing, ulong Lookup)
{
    public string Describe() => Name is not null ? Name : Ordinal is { } ordinal ? $"#{ordinal}" : "(name unknown)";
}
