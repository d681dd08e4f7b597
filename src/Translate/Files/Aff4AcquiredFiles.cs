using MemFs.Aff4;
using MemFs.Aff4.Streams;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files;

/// <summary>
/// Files WinPmem acquired into the AFF4 volume beside memory (drivers, the kernel, mapped DLLs), named there
/// with their drive letter (<c>C:\Windows\SysNative\drivers\acpi.sys</c>). The volume's locator matches names
/// case-insensitively and tries SysNative for System32 and back.
/// </summary>
internal sealed class Aff4AcquiredFiles(Aff4Image image) : IMappedFileProvider
{
    /// <summary>Kernel paths are volume-relative; WinPmem acquires from the system drive.</summary>
    private const string SystemDrive = "C:";

    public string Description { get; } = $"AFF4 acquired files ({image.Volumes.Volumes.Count} volume(s): {string.Join(", ", image.Volumes.Volumes.Select(v => Path.GetFileName(v.Zip.FilePath)))})";

    public IByteSource? Open(string windowsPath)
    {
        var key = WindowsPathKey.From(windowsPath);
        if (!WindowsPathKey.IsLocal(key)) return null;
        var file = image.Locator.FindFile(SystemDrive + key);
        if (file is null) return null;
        var stream = image.OpenStream(file.Urn);
        // A file's stated aff4:size beyond the bevies its volumes hold is a damaged claim (or a volume not supplied): the
        // file on disk is what is stored, and recovery lists what its headers claim beyond that as missing.
        return new Aff4StreamByteSource(stream, stream is ImageStream chunked ? chunked.StoredLength() : null);
    }
}
