namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>
/// Where <c>srv*URL</c> keeps downloads when no cache folder is named: the user's cache directory
/// (XDG_CACHE_HOME or ~/.cache on Unix, %LOCALAPPDATA% on Windows) under memfs/symbols.
/// </summary>
internal static class DefaultSymbolCache
{
    public static string Directory()
    {
        string root;
        if (OperatingSystem.IsWindows()) root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        else if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)) root = xdg;
        else root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "memfs", "symbols");
    }
}
