namespace MemFs.Translate.Files;

/// <summary>A directory's entries by upper-cased name (NTFS compares names case-insensitively), read once.</summary>
internal sealed class DirectoryListing
{
    private readonly Dictionary<string, DirectoryEntry[]> _byName;

    private DirectoryListing(IEnumerable<DirectoryEntry> entries) =>
        _byName = entries.GroupBy(e => e.Name.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>The listing, or null when the directory cannot be read.</summary>
    public static DirectoryListing? Read(string directory)
    {
        try
        {
            return new DirectoryListing(new DirectoryInfo(directory).EnumerateFileSystemInfos()
                .Select(i => new DirectoryEntry(i.Name, i is DirectoryInfo, i.LinkTarget)).ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The entry called <paramref name="name"/> in any case; an exact match wins when a case-sensitive file
    /// system holds several, else the first in ordinal order.
    /// </summary>
    public DirectoryEntry? Find(string name) =>
        _byName.TryGetValue(name.ToUpperInvariant(), out var entries)
            ? Array.Find(entries, e => e.Name == name) ?? entries[0]
            : null;
}
