using MemFs.Translate.Physical.Sources;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical;

/// <summary>
/// A second read-only handle on an evidence file read through a <see cref="FileByteSource"/>, for handing plain ranges
/// of it to a consumer that reads the file itself (the FUSE host splices them). Opened right after the source, and
/// used only while the file has the source's length when opened, so both name the same bytes. A range the file no
/// longer holds (it shrank) is not handed out: the caller then reads through the source, which reports the problem.
/// </summary>
internal sealed class PlainEvidenceFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private PlainEvidenceFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>A handle on <paramref name="source"/>'s file, or null when it is no plain file or cannot be opened again with its length.</summary>
    public static PlainEvidenceFile? For(IByteSource source)
    {
        if (source is not FileByteSource) return null;
        SafeFileHandle? handle = null;
        try
        {
            handle = File.OpenHandle(source.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.RandomAccess);
            if (RandomAccess.GetLength(handle) == source.Length) return new PlainEvidenceFile(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        handle?.Dispose();
        return null;
    }

    /// <summary>The range at <paramref name="position"/>, when the file still holds all <paramref name="length"/> bytes of it (one fstat).</summary>
    public EvidenceRange? Locate(long position, int length)
    {
        try
        {
            return position + length <= RandomAccess.GetLength(_handle) ? new EvidenceRange(_handle, position) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _handle.Dispose();
}
