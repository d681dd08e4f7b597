namespace MemFs.Translate.Physical.Sources;

/// <summary>Bytes below a physical format: a file, or a stream inside a container. Positional and thread-safe.</summary>
public interface IByteSource : IDisposable
{
    /// <summary>Names the source in error messages (a file path, or a container URN).</summary>
    string Name { get; }

    long Length { get; }

    /// <summary>Reads up to <c>destination.Length</c> bytes; fewer only at the end of the source.</summary>
    int Read(long offset, Span<byte> destination);

    /// <summary>Says that <paramref name="length"/> bytes at <paramref name="offset"/> will be read soon, so a source that can
    /// start fetching them ahead (a file on disk) does; nothing otherwise.</summary>
    void WillNeed(long offset, long length)
    {
    }

    /// <summary>Whether reading the byte at <paramref name="offset"/> would wait for a disk (false when it is cached in memory); null when unknown.</summary>
    bool? MustFetch(long offset) => null;
}
