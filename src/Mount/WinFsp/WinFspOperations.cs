using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// The read side of <c>FSP_FILE_SYSTEM_INTERFACE</c>: static callbacks that find the mount's
/// <see cref="WinFspFileSystem"/> through FSP_FILE_SYSTEM.UserContext (a GCHandle) and never let an exception reach
/// WinFsp. Writes are <see cref="WriteRefusals"/>'s; Cleanup and Flush stay null (nothing to do; WinFsp answers Flush with
/// GetFileInfo). One table serves every mount and lives as long as the process, since WinFsp keeps its address.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe class WinFspOperations
{
    private static readonly nint Table = Build();

    public static FspFileSystemInterface* Interface => (FspFileSystemInterface*)Table;

    private static nint Build()
    {
        var table = (FspFileSystemInterface*)NativeMemory.AllocZeroed((nuint)sizeof(FspFileSystemInterface));
        ref var slots = ref *table;
        slots[FspFileSystemInterface.GetVolumeInfo] = (nint)(delegate* unmanaged[Cdecl]<nint, FspVolumeInfo*, int>)&GetVolumeInfo;
        slots[FspFileSystemInterface.GetSecurityByName] = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint*, void*, nuint*, int>)&GetSecurityByName;
        slots[FspFileSystemInterface.Open] = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint, uint, nint*, FspFileInfo*, int>)&Open;
        slots[FspFileSystemInterface.Close] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void>)&Close;
        slots[FspFileSystemInterface.Read] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, byte*, ulong, uint, uint*, int>)&Read;
        slots[FspFileSystemInterface.GetFileInfo] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, FspFileInfo*, int>)&GetFileInfo;
        slots[FspFileSystemInterface.GetSecurity] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void*, nuint*, int>)&GetSecurity;
        slots[FspFileSystemInterface.ReadDirectory] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, char*, void*, uint, uint*, int>)&ReadDirectory;
        slots[FspFileSystemInterface.GetDirInfoByName] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, byte*, int>)&GetDirInfoByName;
        slots[FspFileSystemInterface.DispatcherStopped] = (nint)(delegate* unmanaged[Cdecl]<nint, byte, void>)&DispatcherStopped;
        WriteRefusals.Install(table);
        return (nint)table;
    }

    private static WinFspFileSystem State(nint fileSystem) =>
        (WinFspFileSystem)GCHandle.FromIntPtr(((FspFileSystem*)fileSystem)->UserContext).Target!;

    private static string? PathOf(nint fileSystem, nint context) => State(fileSystem).Opened(context)?.Path;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetVolumeInfo(nint fileSystem, FspVolumeInfo* info)
    {
        try { return State(fileSystem).GetVolumeInfo(info); }
        catch (Exception e) { return WinFspErrorLog.Failed("volume-info", null, 0, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurityByName(nint fileSystem, char* fileName, uint* attributes, void* descriptor, nuint* descriptorSize)
    {
        try { return State(fileSystem).GetSecurityByName(new string(fileName), attributes, descriptor, descriptorSize); }
        catch (Exception e) { return WinFspErrorLog.Failed("security", new string(fileName), 0, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(nint fileSystem, char* fileName, uint createOptions, uint grantedAccess, nint* context, FspFileInfo* info)
    {
        try { return State(fileSystem).Open(new string(fileName), createOptions, grantedAccess, context, info); }
        catch (Exception e) { return WinFspErrorLog.Failed("open", new string(fileName), 0, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Close(nint fileSystem, nint context)
    {
        try { DirectoryListing.Release(State(fileSystem).Close(context)); }
        catch (Exception e) { WinFspErrorLog.Failed("close", null, 0, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(nint fileSystem, nint context, byte* buffer, ulong offset, uint length, uint* transferred)
    {
        try { return State(fileSystem).Read(context, new Span<byte>(buffer, checked((int)length)), offset, transferred); }
        catch (Exception e) { return WinFspErrorLog.Failed("read", PathOf(fileSystem, context), offset, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetFileInfo(nint fileSystem, nint context, FspFileInfo* info)
    {
        try { return State(fileSystem).GetFileInfo(context, info); }
        catch (Exception e) { return WinFspErrorLog.Failed("file-info", PathOf(fileSystem, context), 0, e); }
    }

    /// <summary>Every node has the same descriptor, so the open it is asked for does not matter.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSecurity(nint fileSystem, nint context, void* descriptor, nuint* descriptorSize) =>
        ReadOnlySecurity.CopyTo(descriptor, descriptorSize);

    /// <summary>The pattern is not used: WinFsp filters names itself unless PassQueryDirectoryPattern is set.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ReadDirectory(nint fileSystem, nint context, char* pattern, char* marker, void* buffer, uint length, uint* transferred)
    {
        try { return DirectoryListing.Read(State(fileSystem), context, marker, buffer, length, transferred); }
        catch (Exception e) { return WinFspErrorLog.Failed("readdir", PathOf(fileSystem, context), 0, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetDirInfoByName(nint fileSystem, nint context, char* fileName, byte* dirInfo)
    {
        try { return State(fileSystem).GetDirInfoByName(context, new string(fileName), new Span<byte>(dirInfo, FspDirInfo.ByNameSize)); }
        catch (Exception e) { return WinFspErrorLog.Failed("dirinfo", new string(fileName), 0, e); }
    }

    /// <summary>Called on the dispatcher's thread as it ends; it must not wait for anything.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void DispatcherStopped(nint fileSystem, byte normally)
    {
        try { State(fileSystem).DispatcherStopped(); }
        catch (Exception e) { WinFspErrorLog.Failed("stopped", null, 0, e); }
    }
}
