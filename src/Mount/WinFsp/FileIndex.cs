namespace MemFs.Mount.WinFsp;

/// <summary>
/// IndexNumber (the NTFS file id) of a node: FNV-1a over its tree path, stable for the life of the image and distinct
/// per path, so tools that compare file ids (copy, MSYS/Cygwin inode emulation) do not take two files for one.
/// </summary>
internal static class FileIndex
{
    public static ulong Of(string treePath)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in treePath)
        {
            hash = (hash ^ (byte)c) * 0x100000001B3UL;
            hash = (hash ^ (byte)(c >> 8)) * 0x100000001B3UL;
        }
        return hash;
    }
}
