using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// The write side of <c>FSP_FILE_SYSTEM_INTERFACE</c>, all answered STATUS_MEDIA_WRITE_PROTECTED (ERROR_WRITE_PROTECT,
/// "the media is write protected", the EROFS of Windows) rather than left null, which WinFsp would answer with
/// STATUS_INVALID_DEVICE_REQUEST ("incorrect function"). Clearing a delete mark is allowed: nothing was marked.
/// </summary>
internal static unsafe class WriteRefusals
{
    public static void Install(FspFileSystemInterface* table)
    {
        ref var slots = ref *table;
        slots[FspFileSystemInterface.SetVolumeLabel] = (nint)(delegate* unmanaged[Cdecl]<nint, char*, FspVolumeInfo*, int>)&SetVolumeLabel;
        slots[FspFileSystemInterface.Create] = (nint)(delegate* unmanaged[Cdecl]<nint, char*, uint, uint, uint, void*, ulong, nint*, FspFileInfo*, int>)&Create;
        slots[FspFileSystemInterface.Overwrite] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, byte, ulong, FspFileInfo*, int>)&Overwrite;
        slots[FspFileSystemInterface.Write] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, void*, ulong, uint, byte, byte, uint*, FspFileInfo*, int>)&Write;
        slots[FspFileSystemInterface.SetBasicInfo] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, ulong, ulong, ulong, ulong, FspFileInfo*, int>)&SetBasicInfo;
        slots[FspFileSystemInterface.SetFileSize] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, ulong, byte, FspFileInfo*, int>)&SetFileSize;
        slots[FspFileSystemInterface.Rename] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, char*, byte, int>)&Rename;
        slots[FspFileSystemInterface.SetSecurity] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, uint, void*, int>)&SetSecurity;
        slots[FspFileSystemInterface.SetDelete] = (nint)(delegate* unmanaged[Cdecl]<nint, nint, char*, byte, int>)&SetDelete;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetVolumeLabel(nint fileSystem, char* label, FspVolumeInfo* info) => NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Create(nint fileSystem, char* fileName, uint createOptions, uint grantedAccess, uint attributes,
        void* descriptor, ulong allocationSize, nint* context, FspFileInfo* info) => NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Overwrite(nint fileSystem, nint context, uint attributes, byte replaceAttributes, ulong allocationSize,
        FspFileInfo* info) => NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(nint fileSystem, nint context, void* buffer, ulong offset, uint length, byte writeToEndOfFile,
        byte constrainedIo, uint* transferred, FspFileInfo* info) => NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetBasicInfo(nint fileSystem, nint context, uint attributes, ulong creationTime, ulong lastAccessTime,
        ulong lastWriteTime, ulong changeTime, FspFileInfo* info) => NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetFileSize(nint fileSystem, nint context, ulong newSize, byte setAllocationSize, FspFileInfo* info) =>
        NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Rename(nint fileSystem, nint context, char* fileName, char* newFileName, byte replaceIfExists) =>
        NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetSecurity(nint fileSystem, nint context, uint securityInformation, void* modification) =>
        NtStatus.MediaWriteProtected;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetDelete(nint fileSystem, nint context, char* fileName, byte deleteFile) =>
        deleteFile == 0 ? NtStatus.Success : NtStatus.MediaWriteProtected;
}
