using MemFs.Translate.Physical.Sources;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical;

/// <summary>
/// The handle of an evidence file read through a <see cref="FileByteSource"/>, for handing plain ranges of it to a
/// consumer that reads the file itself (the FUSE host splices them). A range the file no longer holds (it shrank) is
/// not handed out: the caller then reads through the source, which reports the problem. The source owns the handle.
/// </summary>
internal sealed class PlainEvidenceFile
{
    private readonly SafeFileHandle _handle;

    private PlainEvidenceFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>The file behind <paramref name="source"/>, or null when it is no plain file.</summary>
    public static PlainEvidenceFile? For(IByteSource source) => source is FileByteSource file ? new PlainEvidenceFile(file.Handle) : null;

    /// <summary>The range at <paramref name="position"/>, when the file still holds all <paramref name="length"/> bytes of it (one fstat).</summary>
    public EvidenceRange? Locate(long position, int length)
    {
        try
        {
            return position + length <= RandomAccess.GetLength(_handle) ? new EvidenceRange(_handle, position) : null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return null;
        }
    }
}
