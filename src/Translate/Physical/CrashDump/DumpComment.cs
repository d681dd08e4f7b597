using System.Text;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>The header's 128-byte ASCII Comment, kept only when it is printable text (not the 'PAGE' fill, not binary).</summary>
internal static class DumpComment
{
    public static string? Read(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = end < 0 ? field : field[..end];
        if (text.IsEmpty || text.StartsWith("PAGEPAGE"u8)) return null;
        foreach (var b in text)
            if (b is < 0x20 or > 0x7E) return null;
        return Encoding.ASCII.GetString(text).Trim() is { Length: > 0 } s ? s : null;
    }
}
