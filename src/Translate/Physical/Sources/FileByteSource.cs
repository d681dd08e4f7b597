using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical.Sources;

/// <summary>
/// An evidence file opened read-only (never written), read with positional reads from any thread. Not memory-mapped:
/// a fault in a mapped view past the end of a file that shrank, or of a file on a device that went away, kills the
/// process, where a positional read returns short or fails. Such a read throws an <see cref="ImageFormatException"/>
/// naming the file, the offset and the problem, which hosts report as EIO for the range being read. Others may keep
/// writing, truncating or deleting the file while it is open (a deleted file stays readable while open on Linux).
/// </summary>
internal sealed class FileByteSource : IByteSource
{
    private readonly SafeFileHandle _handle;

    public FileByteSource(string path)
    {
        Name = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.RandomAccess);
        try
        {
            Length = RandomAccess.GetLength(_handle);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    public string Name { get; }

    /// <summary>The open handle, for consumers that read plain ranges of the file themselves (splice); owned by this source.</summary>
    internal SafeFileHandle Handle => _handle;

    /// <summary>The length when the file was opened: what the image's structures were checked against.</summary>
    public long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes, fewer only at <see cref="Length"/>; throws when the
    /// file now ends earlier than that or the read fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length) return 0;
        var n = (int)Math.Min(destination.Length, Length - offset);
        var done = 0;
        while (done < n)
        {
            int got;
            try
            {
                got = RandomAccess.Read(_handle, destination.Slice(done, n - done), offset + done);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ImageFormatException(Name, offset + done, $"reading 0x{n - done:X} bytes failed: {e.Message}");
            }
            if (got <= 0)
                throw new ImageFormatException(Name, offset + done,
                    $"the file ends here, before its length when opened (0x{Length:X} bytes): it shrank or was truncated while open");
            done += got;
        }
        return done;
    }

    public void WillNeed(long offset, long length) => FileAdvice.WillNeed(_handle, offset, Math.Min(length, Length - offset));

    public bool? MustFetch(long offset) => !PageCacheProbe.IsCached(_handle, offset);

    public void Dispose() => _handle.Dispose();
}
