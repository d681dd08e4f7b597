using System.Runtime.CompilerServices;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// <c>FSP_FILE_SYSTEM_INTERFACE</c>: 64 function pointers (winfsp.h static assert), 33 named operations then
/// Reserved[31]. A null slot makes WinFsp answer that request itself (STATUS_INVALID_DEVICE_REQUEST, or a default such as
/// Flush → GetFileInfo). WinFsp keeps the pointer it is given, so the table must outlive the file system.
/// </summary>
[InlineArray(SlotCount)]
internal struct FspFileSystemInterface
{
    public const int SlotCount = 64;

    // Slot indexes, in winfsp.h order.
    public const int GetVolumeInfo = 0;
    public const int SetVolumeLabel = 1;
    public const int GetSecurityByName = 2;
    public const int Create = 3;
    public const int Open = 4;
    public const int Overwrite = 5;
    public const int Cleanup = 6;
    public const int Close = 7;
    public const int Read = 8;
    public const int Write = 9;
    public const int Flush = 10;
    public const int GetFileInfo = 11;
    public const int SetBasicInfo = 12;
    public const int SetFileSize = 13;
    public const int CanDelete = 14;
    public const int Rename = 15;
    public const int GetSecurity = 16;
    public const int SetSecurity = 17;
    public const int ReadDirectory = 18;
    public const int ResolveReparsePoints = 19;
    public const int GetReparsePoint = 20;
    public const int SetReparsePoint = 21;
    public const int DeleteReparsePoint = 22;
    public const int GetStreamInfo = 23;
    public const int GetDirInfoByName = 24;
    public const int Control = 25;
    public const int SetDelete = 26;
    public const int CreateEx = 27;
    public const int OverwriteEx = 28;
    public const int GetEa = 29;
    public const int SetEa = 30;
    public const int Obsolete0 = 31;
    public const int DispatcherStopped = 32;
    public const int NamedCount = 33;

    private nint _slot;
}
