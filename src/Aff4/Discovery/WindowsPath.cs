using System.Text.RegularExpressions;

namespace MemFs.Aff4.Discovery;

/// <summary>Windows path normalisation for looking up acquired files (NTFS names are case-insensitive).</summary>
public static partial class WindowsPath
{
    /// <summary>Backslashes only, no <c>\\?\</c> or <c>\\.\</c> prefix, lower case.</summary>
    public static string Normalise(string path)
    {
        var p = path.Replace('/', '\\').Trim();
        foreach (var prefix in (ReadOnlySpan<string>)[@"\\?\", @"\\.\", @"\??\"])
            if (p.StartsWith(prefix, StringComparison.Ordinal)) p = p[prefix.Length..];
        p = p.TrimStart('\\');
        return p.ToLowerInvariant();
    }

    /// <summary>
    /// 32-bit WinPmem acquires native files through SysNative, Rekall through System32: the other
    /// spelling of the same file, or null when the path has neither.
    /// </summary>
    public static string? SysNativeAlternative(string normalisedPath)
    {
        if (normalisedPath.Contains(@"\sysnative\", StringComparison.Ordinal)) return normalisedPath.Replace(@"\sysnative\", @"\system32\");
        if (normalisedPath.Contains(@"\system32\", StringComparison.Ordinal)) return normalisedPath.Replace(@"\system32\", @"\sysnative\");
        return null;
    }

    /// <summary>A URN path such as <c>/C:/Windows/x.sys</c> or <c>C%3A%5CWindows</c> as a Windows path, if it is one.</summary>
    public static string? FromUrnPath(string rest)
    {
        var decoded = Uri.UnescapeDataString(rest);
        if (decoded.Contains("%5C", StringComparison.OrdinalIgnoreCase) || decoded.Contains("%3A", StringComparison.OrdinalIgnoreCase))
            decoded = Uri.UnescapeDataString(decoded); // old pyaff4 quoted the URN before escaping the member name
        decoded = decoded.TrimStart('/');
        return DrivePath().IsMatch(decoded) ? decoded.Replace('/', '\\') : null;
    }

    [GeneratedRegex(@"^[A-Za-z]:[/\\]")]
    private static partial Regex DrivePath();
}
