namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// Where the compressed store keeps what the page walk reads, for one range of kernel builds: the SM_GLOBALS fields,
/// the _SMKM_STORE_METADATA entries and the SMKM_STORE members. No public PDB describes these structures; the offsets
/// are MemProcFS's hard-coded x64 values (mm_win.c), so they are stated with the build range in every trace.
/// </summary>
internal sealed record StoreLayout(
    string Name,
    string Source,
    int CompressedRegionPtrArray,
    int OwnerProcess,
    int? CompressionAlgorithm,
    int? RebasePointer = null,
    ulong RebaseDelta = 0,
    uint KeyMask = 0xFFFF_FFFF)
{
    /// <summary>The first build with a separate MemCompression process (Windows 10 1607).</summary>
    public const uint FirstBuild = 14393;

    /// <summary>SM_GLOBALS.KeyToStoreTree: the root of the B+tree from page key to store index.</summary>
    public const int KeyToStoreTree = 0x1C0;

    /// <summary>SM_GLOBALS starts with 32 pointers to arrays of 32 _SMKM_STORE_METADATA entries each.</summary>
    public const int MetadataEntrySize = 0x28;
    public const int MetadataSmkmStore = 0x00;
    public const int MetadataOwnerProcess = 0x18;

    /// <summary>SMKM_STORE: the B+tree from page key to region key, the chunk metadata and the region geometry.</summary>
    public const int PagesTree = 0x50;
    public const int ChunkMetadata = 0x110;
    public const int RegionSizeMask = 0x378;
    public const int RegionIndexMask = 0x37C;

    /// <summary>Within the chunk metadata: 32 chunk pointers, then the bit value and the record geometry.</summary>
    public const int ChunkPointers = 32;
    public const int ChunkBitValue = 0x108;
    public const int ChunkPerChunkMask = 0x10C;
    public const int ChunkPageRecordSize = 0x110;
    public const int ChunkPageHeaderSize = 0x118;
    public const int ChunkMetadataSize = 0x120;

    /// <summary>Each chunk pointer names an array of 16-byte entries whose first qword is a record array.</summary>
    public const int ChunkEntrySize = 0x10;

    /// <summary>The layout for <paramref name="build"/>, or null with why there is none.</summary>
    public static StoreLayout? ForBuild(uint build, out string? why)
    {
        why = null;
        const string m = "MemProcFS's hard-coded SMKM_STORE offsets";
        switch (build)
        {
            case < FirstBuild:
                why = $"build {build} has no MemCompression process (Windows 10 1607, build {FirstBuild}, introduced it): its store is not supported";
                return null;
            case < 15063:
                return new StoreLayout("SMKM_STORE 1607", $"{m}, 1607 (build {build})", 0x17A8, 0x1918, 0x420);
            case < 16299:
                return new StoreLayout("SMKM_STORE 1703", $"{m}, 1703 (build {build})", 0x1828, 0x1988, 0x420);
            case < 19041:
                return new StoreLayout("SMKM_STORE 1709-1909", $"{m}, 1709-1909 (build {build})", 0x1848, 0x19A8, 0x430);
            case < 22621:
                return new StoreLayout("SMKM_STORE 2004-21H2", $"{m}, 2004-21H2 (build {build})", 0x1848, 0x19B8, 0x430);
            case < 26100:
                // From Windows 11 22H2 the SmGlobals symbol holds a pointer into the structure, which is re-based from it.
                return new StoreLayout("SMKM_STORE 22H2-23H2", $"{m}, 22H2-23H2 (build {build}), SmGlobals re-based", 0x1848, 0x19B8, 0x430, 0x08, 0x7A8);
            default:
                // 24H2 keeps no algorithm field (every page is LZ4) and masks the page key to 28 bits.
                return new StoreLayout("SMKM_STORE 24H2+", $"{m}, 24H2+ (build {build}), SmGlobals re-based, key & 0x0FFFFFFF", 0x1B70, 0x1D08, null, 0x10, 0xC30, 0x0FFF_FFFF);
        }
    }
}
