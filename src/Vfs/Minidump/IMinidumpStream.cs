namespace MemFs.Vfs.Minidump;

/// <summary>
/// One stream of the dump: placed first from what is known without reading memory contents (counts, names, sizes),
/// written later, when the prefix is first read (module headers, KUSER_SHARED_DATA).
/// </summary>
internal interface IMinidumpStream
{
    uint Type { get; }

    /// <summary>Where the stream (and what it points at) lies; set by <see cref="Place"/>.</summary>
    MinidumpLocation Location { get; }

    void Place(PrefixAllocator allocator);

    void Write(MinidumpWriter writer);
}
