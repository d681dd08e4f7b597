using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files;

/// <summary>
/// Supplies the bytes of files Windows had mapped, by the path the kernel knows them under
/// (<c>\Windows\System32\ntdll.dll</c>, <c>\Device\HarddiskVolume3\Windows\…</c>, <c>C:\Windows\…</c>).
/// Implementations: files acquired into an AFF4 volume, a directory tree (<c>--files</c>), an NTFS volume
/// image (<c>--disk</c>). Thread-safe.
/// </summary>
public interface IMappedFileProvider
{
    /// <summary>What this provider reads, for reports (e.g. "--files /mnt/c", "NTFS volume disk.img").</summary>
    string Description { get; }

    /// <summary>The file's bytes, or null when this provider does not have the file.</summary>
    IByteSource? Open(string windowsPath);
}
