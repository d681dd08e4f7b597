using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical.Sources;

/// <summary>
/// An evidence file opened read-only (never written), readable from any thread. The file is mapped into
/// memory read-only: translated reads touch pages scattered all over an image, and a copy from the mapping
/// costs a fraction of a read system call per page (measured: 4 KiB scattered reads ran at 17% of sequential
/// speed with pread). Evidence files must not be truncated while open — they never are by MemFs. Files that
/// cannot be mapped (empty, or on a file system without mmap) are read with positional reads instead.
/// </summary>
internal sealed unsafe class FileByteSource : IByteSource
{
    private readonly FileStream _file;
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _base;
    private readonly SafeFileHandle _handle;
    private int _disposed;

    public FileByteSource(string path)
    {
        Name = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        _handle = _file.SafeFileHandle;
        Length = _file.Length;
        if (Length == 0) return;
        try
        {
            _map = MemoryMappedFile.CreateFromFile(_file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _base = pointer + _view.PointerOffset;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _view?.Dispose();
            _map?.Dispose();
            _view = null;
            _map = null;
        }
    }

    public string Name { get; }
    public long Length { get; }

    /// <summary>True when reads are served from a read-only memory mapping of the file.</summary>
    public bool IsMapped => _base != null;

    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length) return 0;
        var n = (int)Math.Min(destination.Length, Length - offset);
        if (_base != null)
        {
            new ReadOnlySpan<byte>(_base + offset, n).CopyTo(destination);
            return n;
        }
        var done = 0;
        while (done < n)
        {
            var got = RandomAccess.Read(_handle, destination.Slice(done, n - done), offset + done);
            if (got <= 0) break;
            done += got;
        }
        return done;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
        _file.Dispose();
    }
}
