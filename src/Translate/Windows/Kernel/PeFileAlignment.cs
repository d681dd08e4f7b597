namespace MemFs.Translate.Windows.Kernel;

/// <summary>IMAGE_OPTIONAL_HEADER's SizeOfHeaders, FileAlignment and SectionAlignment: how the file on disk is laid out.</summary>
public readonly record struct PeFileAlignment(uint SizeOfHeaders, uint FileAlignment, uint SectionAlignment);
