namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// One row of an export table: a function's biased ordinal and RVA, the name it is exported by (null when only by
/// ordinal; a function with several names gives several rows), and for a forwarded export the target string
/// ("NTDLL.RtlAllocateHeap") the RVA points to.
/// </summary>
public readonly record struct PeExport(uint Ordinal, uint Rva, string? Name, string? Forwarder);
