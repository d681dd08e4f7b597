namespace MemFs.Vfs.Session;

/// <summary>
/// Which address space <c>vtop</c> or <c>vmem cat</c> translates in, and what the command line overrides; every
/// null member is found by the session's discovery instead.
/// </summary>
public sealed record AddressSpaceRequest
{
    /// <summary>The process whose address space it is; null for the kernel's (or --dtb's).</summary>
    public ProcessReference? Process { get; init; }
    public ulong? Dtb { get; init; }
    public uint? Build { get; init; }

    /// <summary>win7, win10 or 24h2.</summary>
    public string? PteLayout { get; init; }

    public ulong? InvalidPteMask { get; init; }
}
