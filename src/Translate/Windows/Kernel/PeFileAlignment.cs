namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// IMAGE_OPTIONAL_HEADER's SizeOfHeaders, FileAlignment and SectionAlignment (how the file on disk is laid out), and
/// ImageBase (the base the file's absolute addresses assume) with the header offset it sits at.
/// </summary>
public readonly record struct PeFileAlignment(uint SizeOfHeaders, uint FileAlignment, uint SectionAlignment, ulong ImageBase = 0, int ImageBaseOffset = 0);
