namespace MemFs.Translate.Files;

/// <summary>A name in a directory; <see cref="LinkTarget"/> is set for a symbolic link.</summary>
internal sealed record DirectoryEntry(string Name, bool IsDirectory, string? LinkTarget);
