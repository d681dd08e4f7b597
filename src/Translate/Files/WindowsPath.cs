namespace MemFs.Translate.Files;

/// <summary>Windows paths as the kernel and loader lists give them (\Windows\System32\x.dll, C:\…, sometimes with '/').</summary>
public static class WindowsPath
{
    /// <summary>The last component: the file's name.</summary>
    public static string FileName(string path) => path[(path.LastIndexOfAny(['\\', '/']) + 1)..];
}
