namespace MemFs.Aff4.Rdf;

/// <summary>
/// AFF4 types and properties with all their known spellings (AFF4 Standard v1.0, the Rekall/WinPmem 2.x
/// legacy names and Evimetry's pre-standard afflib names).
/// Look values up through these terms, never by comparing prefixed names.
/// </summary>
public static class Aff4Vocabulary
{
    private const string S = Aff4Namespaces.Standard;
    private const string A = Aff4Namespaces.Afflib;

    // ---- types ----

    /// <summary>Chunked compressed stream. Lower-case <c>aff4:image</c> is a stream, unlike <see cref="Image"/>.</summary>
    public static readonly Aff4Term ImageStream = new(nameof(ImageStream), S + "ImageStream", S + "image", A + "stream");
    public static readonly Aff4Term Map = new(nameof(Map), S + "Map", S + "map", A + "map");
    public static readonly Aff4Term Image = new(nameof(Image), S + "Image", A + "Image");
    public static readonly Aff4Term DiskImage = new(nameof(DiskImage), S + "DiskImage");
    public static readonly Aff4Term VolumeImage = new(nameof(VolumeImage), S + "VolumeImage");
    public static readonly Aff4Term MemoryImage = new(nameof(MemoryImage), S + "MemoryImage");
    public static readonly Aff4Term ContiguousImage = new(nameof(ContiguousImage), S + "ContiguousImage");
    public static readonly Aff4Term DiscontiguousImage = new(nameof(DiscontiguousImage), S + "DiscontiguousImage");
    public static readonly Aff4Term ZipVolume = new(nameof(ZipVolume), S + "ZipVolume", S + "zip_volume", A + "zip_volume");
    public static readonly Aff4Term ZipSegment = new(nameof(ZipSegment), S + "ZipSegment", S + "zip_segment");
    public static readonly Aff4Term BlockHashes = new(nameof(BlockHashes), S + "BlockHashes");
    public static readonly Aff4Term FileImage = new(nameof(FileImage), S + "FileImage");

    /// <summary>Evimetry RAM range object referenced by <see cref="MemoryAddressMap"/>.</summary>
    public static readonly Aff4Term PhysicalMemoryMap = new(nameof(PhysicalMemoryMap), S + "PhysicalMemoryMap");

    // ---- stream and container properties ----

    public static readonly Aff4Term Size = new(nameof(Size), S + "size", A + "size");

    /// <summary>afflib <c>chunkSize</c> is pyaff4's own legacy guess, not seen in real files.</summary>
    public static readonly Aff4Term ChunkSize = new(nameof(ChunkSize), S + "chunkSize", S + "chunk_size", A + "chunk_size", A + "chunkSize");
    public static readonly Aff4Term ChunksInSegment = new(nameof(ChunksInSegment), S + "chunksInSegment", S + "chunks_per_segment", A + "chunks_in_segment", A + "chunksInSegment");
    public static readonly Aff4Term CompressionMethod = new(nameof(CompressionMethod), S + "compressionMethod", S + "compression", A + "CompressionMethod");
    public static readonly Aff4Term DataStream = new(nameof(DataStream), S + "dataStream");
    public static readonly Aff4Term DependentStream = new(nameof(DependentStream), S + "dependentStream", A + "contains");
    public static readonly Aff4Term Contains = new(nameof(Contains), S + "contains", A + "contains");
    public static readonly Aff4Term Stored = new(nameof(Stored), S + "stored", A + "stored");
    public static readonly Aff4Term Target = new(nameof(Target), S + "target", A + "target");
    public static readonly Aff4Term MapGapDefaultStream = new(nameof(MapGapDefaultStream), S + "mapGapDefaultStream");
    public static readonly Aff4Term OriginalFileName = new(nameof(OriginalFileName), S + "originalFileName", S + "original_filename");
    public static readonly Aff4Term Category = new(nameof(Category), S + "category");
    public static readonly Aff4Term PagefileNumber = new(nameof(PagefileNumber), Aff4Namespaces.Memory + "pagefile_number");
    public static readonly Aff4Term Version = new(nameof(Version), S + "version");
    public static readonly Aff4Term MapVersion = new(nameof(MapVersion), S + "mapVersion", A + "mapVersion");

    // ---- hashes ----

    public static readonly Aff4Term Hash = new(nameof(Hash), S + "hash", A + "hash");
    public static readonly Aff4Term BlockMapHash = new(nameof(BlockMapHash), S + "blockMapHash");
    public static readonly Aff4Term MapHash = new(nameof(MapHash), S + "mapHash", A + "mapHash");
    public static readonly Aff4Term MapIdxHash = new(nameof(MapIdxHash), S + "mapIdxHash", A + "mapIdxHash");
    public static readonly Aff4Term MapPointHash = new(nameof(MapPointHash), S + "mapPointHash", A + "mapPointHash");
    public static readonly Aff4Term MapPathHash = new(nameof(MapPathHash), S + "mapPathHash", A + "mapPathHash");
    public static readonly Aff4Term ImageStreamHash = new(nameof(ImageStreamHash), S + "imageStreamHash");
    public static readonly Aff4Term ImageStreamIndexHash = new(nameof(ImageStreamIndexHash), S + "imageStreamIndexHash");

    /// <summary>Evimetry 2.2 still writes this pre-standard hash in the aff4.org namespace (Micro7/Micro9).</summary>
    public static readonly Aff4Term BlockHashesHash = new(nameof(BlockHashesHash), S + "blockHashesHash", A + "blockHashesHash");
    public static readonly Aff4Term LinearBlockHash = new(nameof(LinearBlockHash), S + "linearBlockHash", A + "linearBlockHash");

    // ---- Evimetry memory images ----

    public static readonly Aff4Term MemoryAddressMap = new(nameof(MemoryAddressMap), S + "memoryAddressMap");
    public static readonly Aff4Term MemoryOffset = new(nameof(MemoryOffset), S + "memoryOffset");
    public static readonly Aff4Term MemorySize = new(nameof(MemorySize), S + "memorySize");
    public static readonly Aff4Term MemoryDescription = new(nameof(MemoryDescription), S + "memoryDescription");
    public static readonly Aff4Term MemoryPageTableEntryOffset = new(nameof(MemoryPageTableEntryOffset), S + "memoryPageTableEntryOffset");
    public static readonly Aff4Term NTKernelBase = new(nameof(NTKernelBase), S + "NTKernelBase");
    public static readonly Aff4Term OSXKALSRSlide = new(nameof(OSXKALSRSlide), S + "OSXKALSRSlide");
    public static readonly Aff4Term PageSize = new(nameof(PageSize), S + "pageSize");

    // ---- objects of aff4:category ----

    public const string MemoryPhysical = Aff4Namespaces.Memory + "physical";
    public const string MemoryVirtual = Aff4Namespaces.Memory + "virtual";
    public const string MemoryPagefile = Aff4Namespaces.Memory + "pagefile";
    public const string DiskRaw = S + "disk/raw";
    public const string DiskPartition = S + "disk/partition";
}
