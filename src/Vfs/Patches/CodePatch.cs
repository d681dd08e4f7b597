namespace MemFs.Vfs.Patches;

/// <summary>
/// One run of bytes in an image's code that differs from the file on disk: which module and section, where (RVA),
/// how long, the export it falls in, and the recovery.txt (relative to the patches.txt listing it) to open next.
/// </summary>
internal sealed record CodePatch(string Module, string Section, long Rva, long Length, string? Symbol, string Report);
