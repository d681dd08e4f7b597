using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical.Sources;

/// <summary>An evidence file opened read-only (never written), read with positional reads from any thread.</summary>
public sealed class FileByteSource : IByteSource
{
    private readonly SafeFileHandle _handle;

    public FileByteSource(string path)
    {
        Name = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public string Name { get; }
    public long Length { get; }

    public int Read(long offset, Span<byte> destination)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (n <= 0) break;
            done += n;
        }
        return done;
    }

    public void Dispose() => _handle.Dispose();
}
