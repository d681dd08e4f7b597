namespace MemFs.Mount.Cli.Json;

/// <summary>
/// The object <c>memfs vtop --json</c> prints: the address, the process whose space it is (else null: the kernel's or --dtb),
/// the DTB, the software PTE layout and InvalidPteMask with their sources, the provenance and note lines, every step, the result.
/// </summary>
internal sealed record VtopJson(
    string Virtual, VtopProcessJson? Process, string Dtb, string PteLayout, string PteLayoutSource, string? InvalidPteMask,
    string? InvalidPteMaskSource, IReadOnlyList<string> Provenance, IReadOnlyList<string> ExtendedSpace, IReadOnlyList<string> Notes,
    IReadOnlyList<VtopStepJson> Steps, VtopResultJson Result);
