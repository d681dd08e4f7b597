using System.Text;
using System.Text.RegularExpressions;

namespace MemFs.Translate.Files;

/// <summary>
/// One lookup key for every spelling of a file's path: the kernel's (<c>FILE_OBJECT.FileName</c>, object
/// manager paths), Win32's and the analyst's. Local keys are volume-relative, start with one backslash and are
/// upper-cased: <c>\WINDOWS\SYSTEM32\NTDLL.DLL</c>. Anything not on a local volume (network, other devices)
/// gets a key starting with <see cref="NonLocalMarker"/>, which no local provider matches.
/// </summary>
internal static partial class WindowsPathKey
{
    /// <summary>Starts every non-local key; <c>?</c> is not allowed in NTFS names, so no local path can collide.</summary>
    public const string NonLocalMarker = "?";

    /// <summary>
    /// The key for <paramref name="path"/>. The rules, in order:
    /// <list type="number">
    /// <item>Forward slashes become backslashes and NULs/blanks at the ends go: kernel UNICODE_STRINGs and analysts' input differ only there.</item>
    /// <item><c>\??\</c>, <c>\DosDevices\</c> and <c>\GLOBAL??\</c> are the object manager's directory of DOS device names
    /// (<c>\??\C:\…</c> is how Win32 paths reach the kernel); <c>\\?\</c> and <c>\\.\</c> are Win32's ways of passing such a name through: all are dropped.</item>
    /// <item><c>\\?\UNC\server\share</c>, <c>\\server\share</c> and <c>\Device\Mup\server\share</c> (the multiple UNC provider,
    /// as FILE_OBJECTs of network files name them) are one network path: non-local.</item>
    /// <item><c>\Device\HarddiskVolumeN</c> and <c>Volume{GUID}</c> (a volume's device and mount-manager names) and a
    /// drive letter <c>X:</c> are dropped: <c>FILE_OBJECT.FileName</c> is volume-relative (<c>\Windows\System32\ntdll.dll</c>)
    /// and the image does not say which volume is which, so every local volume is taken to be the system volume.</item>
    /// <item>Any other <c>\Device\…</c> (CD-ROM, named pipes, shadow copies) is non-local.</item>
    /// <item><c>\SystemRoot</c> and <c>%SystemRoot%</c> become <c>\Windows</c>: the kernel's symbolic link points at the Windows
    /// directory, which is <c>\Windows</c> on every supported version.</item>
    /// <item>Repeated separators collapse and <c>.</c> components go (NTFS has no such names); <c>..</c> stays, uninterpreted,
    /// for providers to refuse: the kernel never names a file with it.</item>
    /// <item>Case folds to ordinal invariant upper case: NTFS compares names through its upcase table.</item>
    /// </list>
    /// </summary>
    public static string From(string path)
    {
        var p = path.Replace('/', '\\').Trim().Trim('\0').Trim();
        foreach (var prefix in (ReadOnlySpan<string>)[@"\??\", @"\\?\", @"\\.\", @"\DosDevices\", @"\GLOBAL??\"])
        {
            if (StripPrefix(p, prefix, "") is not { } inner) continue;
            p = StripPrefix(inner, @"UNC\", @"\\") ?? inner;
            break;
        }

        if (StripPrefix(p, @"\Device\Mup\", @"\\") is { } mup) return NonLocal(mup);
        if (p.StartsWith(@"\\", StringComparison.Ordinal)) return NonLocal(p);

        if (VolumeDevice().Match(p) is { Success: true } volume) p = p[volume.Length..];
        else if (p.StartsWith(@"\Device\", StringComparison.OrdinalIgnoreCase)) return NonLocal(p);
        else if (VolumeGuid().Match(p) is { Success: true } guid) p = p[guid.Length..];
        else if (DriveLetter().Match(p) is { Success: true } drive) p = p[drive.Length..];

        p = StripPrefix(p, @"\SystemRoot", @"\Windows", wholeComponent: true)
            ?? StripPrefix(p, "%SystemRoot%", @"\Windows", wholeComponent: true)
            ?? p;
        return Components(p, leading: @"\");
    }

    /// <summary>Whether the key names a file on a local volume (a provider for a local drive may have it).</summary>
    public static bool IsLocal(string key) => !key.StartsWith(NonLocalMarker, StringComparison.Ordinal);

    /// <summary>The names along a local key, outermost first: <c>["WINDOWS", "SYSTEM32", "NTDLL.DLL"]</c>.</summary>
    public static string[] Split(string key) =>
        IsLocal(key) ? key.Split('\\', StringSplitOptions.RemoveEmptyEntries) : throw new ArgumentException($"not a local path key: {key}", nameof(key));

    private static string NonLocal(string rest) => NonLocalMarker + Components(rest, leading: rest.StartsWith(@"\\", StringComparison.Ordinal) ? @"\\" : @"\");

    private static string Components(string path, string leading)
    {
        var key = new StringBuilder(path.Length + 1);
        foreach (var name in path.Split('\\', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            key.Append(key.Length == 0 ? leading : @"\").Append(name.ToUpperInvariant());
        }
        return key.Length == 0 ? leading : key.ToString();
    }

    private static string? StripPrefix(string path, string prefix, string replacement, bool wholeComponent = false)
    {
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        if (wholeComponent && path.Length > prefix.Length && path[prefix.Length] != '\\') return null;
        return replacement + path[prefix.Length..];
    }

    [GeneratedRegex(@"^\\Device\\HarddiskVolume[0-9]+(?=\\|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VolumeDevice();

    [GeneratedRegex(@"^Volume\{[0-9A-Fa-f-]+\}(?=\\|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VolumeGuid();

    [GeneratedRegex(@"^[A-Za-z]:(?=\\|$)")]
    private static partial Regex DriveLetter();
}
