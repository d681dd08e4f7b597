using System.Buffers.Binary;
using System.Text;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>A $FILE_NAME value (also the key of $I30 index entries).</summary>
public sealed record NtfsFileName(NtfsFileReference Parent, NtfsFileNameNamespace Namespace, string Name)
{
    /// <summary>Parent reference at +0, name length in characters at +0x40, namespace at +0x41, UTF-16 name at +0x42.</summary>
    internal static NtfsFileName Parse(ReadOnlySpan<byte> value, NtfsLocation at)
    {
        if (value.Length < 0x42) throw at.Error(0, $"$FILE_NAME of {value.Length} bytes is shorter than its 0x42-byte header");
        int chars = value[0x40];
        if (0x42 + 2 * chars > value.Length)
            throw at.Error(0x40, $"$FILE_NAME name of {chars} characters runs past its {value.Length}-byte value");
        var ns = value[0x41];
        if (ns > 3) throw at.Error(0x41, $"$FILE_NAME namespace {ns} is not POSIX, Win32, DOS or Win32&DOS");
        var parent = NtfsFileReference.From(BinaryPrimitives.ReadUInt64LittleEndian(value));
        return new NtfsFileName(parent, (NtfsFileNameNamespace)ns, Encoding.Unicode.GetString(value.Slice(0x42, 2 * chars)));
    }
}
