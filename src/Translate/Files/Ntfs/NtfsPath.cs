namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// Splits a Windows path into the names below the volume root. Accepts "\" or "/" separators, a drive letter
/// ("C:\…"), the "\??\" and "\\?\" prefixes, and a "\Device\HarddiskVolumeN\…" device prefix.
/// </summary>
internal static class NtfsPath
{
    private const int MaxComponents = 256;

    /// <summary>The components, or null for a path that cannot name a file on a local volume (e.g. another device).</summary>
    public static List<string>? Split(string path)
    {
        var parts = path.Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count > 0 && parts[0] is "??" or "?" && path.Length > 0 && path[0] is '\\' or '/') parts.RemoveAt(0);
        if (parts.Count > 0 && parts[0].Length == 2 && parts[0][1] == ':' && char.IsAsciiLetter(parts[0][0]))
            parts.RemoveAt(0);
        else if (parts.Count > 0 && parts[0].Equals("Device", StringComparison.OrdinalIgnoreCase) && path[0] is '\\' or '/')
        {
            if (parts.Count < 2 || !parts[1].StartsWith("HarddiskVolume", StringComparison.OrdinalIgnoreCase)) return null;
            parts.RemoveRange(0, 2);
        }
        return parts.Count > MaxComponents || parts.Contains("..") ? null : parts;
    }
}
