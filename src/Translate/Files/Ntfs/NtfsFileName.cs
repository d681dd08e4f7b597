namespace MemFs.Translate.Files.Ntfs;

/// <summary>A $FILE_NAME value (also the key of $I30 index entries).</summary>
internal sealed record NtfsFileName(NtfsFileReference Parent, NtfsFileNameNamespace Namespace, string Name)
{
    private const int ParentDirectory = 0x0;
    private const int FileNameLength = 0x40;
    private const int FileNameNamespace = 0x41;
    private const int FileName = 0x42;

    /// <summary>Parent reference at +0, name length in characters at +0x40, namespace at +0x41, UTF-16 name at +0x42.</summary>
    internal static NtfsFileName Parse(ReadOnlySpan<byte> value, NtfsLocation at)
    {
        var r = at.Reader(value);
        if (r.Length < FileName) throw at.Error(0, $"$FILE_NAME of {value.Length} bytes is shorter than its 0x42-byte header");
        int chars = r.U8(FileNameLength);
        if (!r.Holds(FileName, 2 * chars))
            throw at.Error(FileNameLength, $"$FILE_NAME name of {chars} characters runs past its {value.Length}-byte value");
        var ns = r.U8(FileNameNamespace);
        if (ns > 3) throw at.Error(FileNameNamespace, $"$FILE_NAME namespace {ns} is not POSIX, Win32, DOS or Win32&DOS");
        var parent = NtfsFileReference.From(r.U64(ParentDirectory));
        return new NtfsFileName(parent, (NtfsFileNameNamespace)ns, r.Utf16(FileName, chars));
    }
}
