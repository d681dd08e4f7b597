using System.Runtime.Versioning;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// ReadDirectory through WinFsp's directory buffer: on the first read of an enumeration (no marker) the whole listing
/// is encoded into it, which WinFsp sorts; every read, first or continued, is then served from it after the marker (the
/// last name returned). One buffer per open directory, deleted at Close.
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe class DirectoryListing
{
    public static int Read(WinFspFileSystem fileSystem, nint context, char* marker, void* buffer, uint length, uint* transferred)
    {
        var directory = fileSystem.Opened(context);
        if (directory is null) return NtStatus.InvalidHandle;
        if (directory.Node is not VfsDirectory) return NtStatus.NotADirectory;
        var library = WinFspLibrary.Instance;
        var status = NtStatus.Success;
        fixed (nint* directoryBuffer = &directory.DirectoryBuffer)
        {
            if (library.AcquireDirectoryBuffer(directoryBuffer, marker == null ? (byte)1 : (byte)0, &status) != 0)
            {
                try
                {
                    Fill(library, directoryBuffer, fileSystem.Listing(directory), &status);
                }
                finally
                {
                    library.ReleaseDirectoryBuffer(directoryBuffer);
                }
            }
            if (!NtStatus.IsSuccess(status)) return status;
            library.ReadDirectoryBuffer(directoryBuffer, marker, buffer, length, transferred);
        }
        return NtStatus.Success;
    }

    /// <summary>Frees what WinFsp holds for a closed open (its directory buffer, if it listed).</summary>
    public static void Release(OpenNode? open)
    {
        if (open is null || open.DirectoryBuffer == 0) return;
        fixed (nint* directoryBuffer = &open.DirectoryBuffer)
            WinFspLibrary.Instance.DeleteDirectoryBuffer(directoryBuffer);
    }

    private static void Fill(WinFspLibrary library, nint* directoryBuffer, IEnumerable<(string Name, FspFileInfo Info)> entries, int* status)
    {
        var entry = new byte[FspDirInfo.ByNameSize];
        foreach (var (name, info) in entries)
        {
            if (FspDirInfo.SizeOf(name) > entry.Length) entry = new byte[FspDirInfo.SizeOf(name)];
            if (FspDirInfo.Write(name, info, entry) == 0) continue; // longer than an entry can say: Windows could not open it either
            fixed (byte* dirInfo = entry)
                if (library.FillDirectoryBuffer(directoryBuffer, dirInfo, status) == 0) return;
        }
    }
}
