using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// WinFsp's native DLL (winfsp-x64.dll, -a64, -x86), loaded at run time from the installation the registry names and
/// resolved into function pointers; no build-time reference, so this compiles anywhere. WinFsp declares its API without
/// a calling convention, i.e. cdecl (its own .NET layer binds it so); x64 and ARM64 have only one. Loaded once.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WinFspLibrary
{
    /// <summary>The disk-like control device: drive letters and directories can be mount points (WinFsp.Net allows no directories).</summary>
    public const string DiskDevice = "WinFsp.Disk";

    /// <summary>WinFsp's installer writes its key in the 32-bit registry view: HKLM\SOFTWARE\WOW6432Node\WinFsp to 64-bit processes.</summary>
    private const string RegistryKeyName = @"SOFTWARE\WinFsp";

    private static readonly Lazy<WinFspLibrary> Shared = new(() => new WinFspLibrary(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static WinFspLibrary Instance => Shared.Value;

    public readonly delegate* unmanaged[Cdecl]<char*, FspVolumeParams*, FspFileSystemInterface*, nint*, int> Create;
    public readonly delegate* unmanaged[Cdecl]<nint, char*, int> SetMountPoint;
    public readonly delegate* unmanaged[Cdecl]<nint, uint, int> StartDispatcher;
    public readonly delegate* unmanaged[Cdecl]<nint, void> StopDispatcher;
    public readonly delegate* unmanaged[Cdecl]<nint, void> RemoveMountPoint;
    public readonly delegate* unmanaged[Cdecl]<nint, void> Delete;
    public readonly delegate* unmanaged[Cdecl]<nint, char*> MountPoint;
    public readonly delegate* unmanaged[Cdecl]<nint*, byte, int*, byte> AcquireDirectoryBuffer;
    public readonly delegate* unmanaged[Cdecl]<nint*, byte*, int*, byte> FillDirectoryBuffer;
    public readonly delegate* unmanaged[Cdecl]<nint*, void> ReleaseDirectoryBuffer;
    public readonly delegate* unmanaged[Cdecl]<nint*, char*, void*, uint, uint*, void> ReadDirectoryBuffer;
    public readonly delegate* unmanaged[Cdecl]<nint*, void> DeleteDirectoryBuffer;

    private readonly string _path;

    private WinFspLibrary()
    {
        var name = WinFspDll.NameFor(RuntimeInformation.ProcessArchitecture)
            ?? throw new WinFspMountException($"WinFsp has no DLL for {RuntimeInformation.ProcessArchitecture} processes");
        var installDir = InstallDir();
        // The installation the registry names first; then the bare name, as WinFsp's own loader does (FspLoad).
        string[] candidates = installDir is null ? [name] : [WinFspDll.PathUnder(installDir, name), name];
        nint library = 0;
        _path = candidates.FirstOrDefault(candidate => NativeLibrary.TryLoad(candidate, out library))
            ?? throw new WinFspMountException(WinFspDll.NotInstalled(name, installDir));
        Create = (delegate* unmanaged[Cdecl]<char*, FspVolumeParams*, FspFileSystemInterface*, nint*, int>)Require(library, "FspFileSystemCreate");
        SetMountPoint = (delegate* unmanaged[Cdecl]<nint, char*, int>)Require(library, "FspFileSystemSetMountPoint");
        StartDispatcher = (delegate* unmanaged[Cdecl]<nint, uint, int>)Require(library, "FspFileSystemStartDispatcher");
        StopDispatcher = (delegate* unmanaged[Cdecl]<nint, void>)Require(library, "FspFileSystemStopDispatcher");
        RemoveMountPoint = (delegate* unmanaged[Cdecl]<nint, void>)Require(library, "FspFileSystemRemoveMountPoint");
        Delete = (delegate* unmanaged[Cdecl]<nint, void>)Require(library, "FspFileSystemDelete");
        MountPoint = (delegate* unmanaged[Cdecl]<nint, char*>)Require(library, "FspFileSystemMountPointF");
        AcquireDirectoryBuffer = (delegate* unmanaged[Cdecl]<nint*, byte, int*, byte>)Require(library, "FspFileSystemAcquireDirectoryBuffer");
        FillDirectoryBuffer = (delegate* unmanaged[Cdecl]<nint*, byte*, int*, byte>)Require(library, "FspFileSystemFillDirectoryBuffer");
        ReleaseDirectoryBuffer = (delegate* unmanaged[Cdecl]<nint*, void>)Require(library, "FspFileSystemReleaseDirectoryBuffer");
        ReadDirectoryBuffer = (delegate* unmanaged[Cdecl]<nint*, char*, void*, uint, uint*, void>)Require(library, "FspFileSystemReadDirectoryBuffer");
        DeleteDirectoryBuffer = (delegate* unmanaged[Cdecl]<nint*, void>)Require(library, "FspFileSystemDeleteDirectoryBuffer");
    }

    /// <summary>Whether WinFsp's registry key exists (what the integration test asks before mounting).</summary>
    public static bool IsInstalled => InstallDir() is not null;

    private nint Require(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new WinFspMountException($"{_path} has no {name}: install a current WinFsp from {WinFspDll.Download}");

    private static string? InstallDir()
    {
        using var machine = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry32);
        using var key = machine.OpenSubKey(RegistryKeyName);
        return key?.GetValue("InstallDir") as string;
    }
}
