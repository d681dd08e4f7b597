using MemFs.Translate.Extended;

namespace MemFs.Vfs.Executables;

/// <summary>The file on disk an image was mapped from, as the file sources serve it (AFF4, --files, --disk).</summary>
public sealed class DiskFile(IExtendedSpace space, string path, long length)
{
    public string Path => path;
    public long Length => length;

    /// <summary>The file the kernel calls <paramref name="path"/>, or null with why it is not available.</summary>
    public static DiskFile? Find(IExtendedSpace space, string? path, out string? why)
    {
        if (path is null)
        {
            why = "the image's VAD names no file";
            return null;
        }
        return space.FileLength(path, out why) is { } length ? new DiskFile(space, path, length) : null;
    }

    public void Read(long offset, Span<byte> destination) => space.Read(ExtendedLocation.File(path, offset), destination);
}
