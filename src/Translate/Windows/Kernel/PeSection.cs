namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_SECTION_HEADER as the loaded image sees it.</summary>
public sealed record PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint Characteristics);
