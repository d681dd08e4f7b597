namespace MemFs.Mount.Cli.Json;

/// <summary>
/// One step of a translation (<c>memfs vtop --json</c>): kind (dtb, pml4e, pdpte, pde, pte, prototypePte, vadLookup,
/// subsection, compressedStore, note), the text vtop prints for it, where the entry was read and its value, its decoding,
/// the virtual address it concerns, and the steps of a translation made on its behalf.
/// </summary>
internal sealed record VtopStepJson(
    string Kind, string Text, LocationJson? Location, string? Value, PteJson? Decoded, string? VirtualAddress, IReadOnlyList<VtopStepJson>? Nested);
