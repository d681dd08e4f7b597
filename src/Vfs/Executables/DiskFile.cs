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

    /// <summary>
    /// Reads the file's bytes at <paramref name="offset"/> as far as the file reaches; the rest of
    /// <paramref name="destination"/> (past the file's end, which may be shorter than its headers say) is zero-filled.
    /// Returns how many bytes came from the file. Throws <see cref="IOException"/> when the file shrank while open.
    /// </summary>
    public int Read(long offset, Span<byte> destination)
    {
        var available = (int)Math.Clamp(length - offset, 0, destination.Length);
        destination[available..].Clear();
        if (available > 0) space.Read(ExtendedLocation.File(path, offset), destination[..available]);
        return available;
    }
}
