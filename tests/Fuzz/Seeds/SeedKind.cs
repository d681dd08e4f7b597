namespace MemFs.Fuzz.Seeds;

/// <summary>The seed evidence a case starts from: the demo machine written in one of the formats memfs reads.</summary>
internal enum SeedKind
{
    /// <summary>The demo AFF4 volume (WinPmem layout: map, snappy stream, pagefile, acquired files).</summary>
    Aff4,
    /// <summary>The demo machine's physical memory as a raw file.</summary>
    Raw,
    /// <summary>The demo machine's physical memory as a 64-bit full crash dump (one run).</summary>
    CrashDump,
    /// <summary>The demo machine's physical memory as a LiME file (one range).</summary>
    Lime,
    /// <summary>The demo machine's physical memory as an ELF64 core (QEMU CPU-state note, one PT_LOAD).</summary>
    Elf,
    /// <summary>A VMware state file (.vmss, one memory region) beside the demo machine's physical memory as its .vmem.</summary>
    Vmware,
    /// <summary>The raw physical memory, unchanged, with a <c>--files</c> tree of the PE files its images map; the mutations change one of those files.</summary>
    Files,
}
