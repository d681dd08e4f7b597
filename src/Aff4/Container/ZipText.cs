using System.Text;
using System.Text.Unicode;

namespace MemFs.Aff4.Container;

/// <summary>Decodes Zip member names and the archive comment.</summary>
internal static class ZipText
{
    /// <summary>
    /// UTF-8 whatever flag bit 11 says (pyaff4 and macOS write UTF-8 names without the flag);
    /// CP437 only when the bytes are not valid UTF-8.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Cp437.Decode(bytes);
}
