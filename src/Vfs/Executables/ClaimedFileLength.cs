using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Executables;

/// <summary>
/// How long a PE file's headers say it is: past its headers, every section's raw data and the attribute certificate
/// table (whose data directory entry holds a file offset, not an RVA: PE format, "The Attribute Certificate Table").
/// </summary>
internal static class ClaimedFileLength
{
    public static long Of(PeImageView headers)
    {
        long end = headers.File.SizeOfHeaders;
        foreach (var s in headers.Sections)
            if (s.SizeOfRawData > 0 && s.PointerToRawData > 0) end = Math.Max(end, (long)s.PointerToRawData + s.SizeOfRawData);
        var certificates = headers.Directory(PeDataDirectory.Security);
        if (certificates.Rva > 0 && certificates.Size > 0) end = Math.Max(end, (long)certificates.Rva + certificates.Size);
        return end;
    }
}
