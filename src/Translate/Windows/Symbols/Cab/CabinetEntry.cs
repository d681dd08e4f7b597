namespace MemFs.Translate.Windows.Symbols.Cab;

/// <summary>A CFFILE entry ([MS-CAB] 2.3): a file's name, size, and where it starts in its folder's uncompressed data.</summary>
internal sealed record CabinetEntry(string Name, uint Size, uint FolderOffset, ushort Folder);
