namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_SECTION_HEADER: where the section lies in memory (RVA, VirtualSize) and in the file (PointerToRawData, SizeOfRawData).</summary>
public sealed record PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint Characteristics, uint PointerToRawData = 0, uint SizeOfRawData = 0);
