namespace MemFs.Aff4.Discovery;

/// <summary>An Evimetry aff4:PhysicalMemoryMap object: a range of the machine's physical address space.</summary>
public sealed record PhysicalMemoryRange(ulong Offset, ulong Size, string? Description);
