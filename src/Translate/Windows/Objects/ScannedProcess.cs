namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// An EPROCESS the physical-memory scan found that is not on the active list (terminated or hidden): the scan's
/// candidate, and the process read through its recovered kernel address, or why that address is unknown.
/// </summary>
public sealed record ScannedProcess(EprocessScanner.Candidate Candidate, ProcessInfo? Process, string? WhyUnplaced)
{
    /// <summary>
    /// The one way every report names where the object is: its kernel address when placed, always the physical
    /// address the scan found it at.
    /// </summary>
    public string Location => Process is { } p
        ? $"EPROCESS 0x{p.Eprocess:X} (physical 0x{Candidate.PhysicalAddress:X})"
        : $"EPROCESS at physical 0x{Candidate.PhysicalAddress:X} (kernel address unknown)";
}
