namespace MemFs.Translate.Paging;

/// <summary>
/// The facts translation depends on, each with where it came from, so a trace can say why it decoded a
/// PTE the way it did. The OS layer fills them from symbols; the command line can override them.
/// <see cref="VirtualStoreSource"/> is null when the virtual store number is the conventional 2, not read from the kernel.
/// </summary>
public sealed record PagingSettings(
    SoftwarePteLayout Layout,
    string LayoutSource,
    ulong InvalidPteMask,
    string InvalidPteMaskSource,
    int VirtualStoreNumber,
    uint? Build,
    string? VirtualStoreSource = null)
{
    /// <summary>MemProcFS's fallback when nt!MiState is not available: bit 45, the most common value on Intel.</summary>
    public const ulong DefaultInvalidPteMask = 0x0000_2000_0000_0000;

    /// <summary>Settings for a build number with no symbols: layout by build, the common mask, virtual store number 2.</summary>
    public static PagingSettings ForBuild(uint build)
    {
        var (layout, reason) = SoftwarePteLayout.ForBuild(build);
        // The virtual store (paging file 2 by convention) exists from Windows 10 1607 (build 14393), the MemCompression process.
        var virtualStore = build >= 14393 ? 2 : -1;
        return layout.HasSwizzleBit
            ? new PagingSettings(layout, reason, DefaultInvalidPteMask, "default 0x200000000000 (bit 45; nt!MiState.Hardware.InvalidPteMask not read)", virtualStore, build)
            : new PagingSettings(layout, reason, 0, "not used by this layout", virtualStore, build);
    }

    /// <summary>Windows 11 22H2+ kernels mark some file-backed PTEs with an encoding no public source documents.</summary>
    public bool HasFileBackedMarker => Build >= 22621;
}
