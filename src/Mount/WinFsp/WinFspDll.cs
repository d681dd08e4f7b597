using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary>Where WinFsp's DLL is and what to tell the user when it is not: names and paths only, no loading.</summary>
internal static class WinFspDll
{
    public const string Download = "https://winfsp.dev/rel/";

    /// <summary>The DLL for a process architecture, named as WinFsp's installer names it; null where there is none.</summary>
    public static string? NameFor(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "winfsp-x64.dll",
        Architecture.Arm64 => "winfsp-a64.dll",
        Architecture.X86 => "winfsp-x86.dll",
        _ => null,
    };

    /// <summary>Where the installer puts the DLL: the registry's InstallDir (it ends with a backslash) + bin\.</summary>
    public static string PathUnder(string installDir, string dllName) => installDir.TrimEnd('\\') + @"\bin\" + dllName;

    public static string NotInstalled(string dllName, string? installDir) =>
        (installDir is null
            ? $"WinFsp is not installed (no InstallDir under HKLM\\SOFTWARE\\WOW6432Node\\WinFsp, and {dllName} is not on the DLL search path)"
            : $"WinFsp's {PathUnder(installDir, dllName)} cannot be loaded")
        + $": install WinFsp from {Download} (the default Core feature is enough), then run the command again";
}
