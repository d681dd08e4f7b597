using System.Buffers;
using System.Text;

namespace MemFs.Aff4.Container;

/// <summary>Zip member name ⇄ AFF4 URN rules (AFF4 Standard v1.0 §5, and the escapings of c-aff4 and pyaff4).</summary>
internal static class MemberNames
{
    private const string Scheme = "aff4:";
    private const string WinPmemEscapePrefix = "%ffffff";
    private const int MaxDecodePasses = 8;

    /// <summary>
    /// Exactly one %XX decoding pass (hex in either case); a '%' not followed by two hex digits stays
    /// literal. The bytes are read as UTF-8; a byte that is not part of valid UTF-8 is taken as Latin-1
    /// (pyaff4 ≤ 1.0 escaped per code point, e.g. é as %e9).
    /// </summary>
    public static string DecodeOnce(string memberName)
    {
        ArgumentNullException.ThrowIfNull(memberName);
        if (!memberName.Contains('%')) return memberName;
        var bytes = new byte[Encoding.UTF8.GetByteCount(memberName)];
        var length = 0;
        for (var i = 0; i < memberName.Length;)
        {
            if (TryWinPmemEscape(memberName, i, out var value))
            {
                bytes[length++] = value;
                i += WinPmemEscapePrefix.Length + 2;
            }
            else if (TryEscape(memberName, i, out value))
            {
                bytes[length++] = value;
                i += 3;
            }
            else
            {
                var next = memberName.IndexOf('%', i + 1);
                if (next < 0) next = memberName.Length;
                length += Encoding.UTF8.GetBytes(memberName.AsSpan(i, next - i), bytes.AsSpan(length));
                i = next;
            }
        }
        return Utf8OrLatin1(bytes.AsSpan(0, length));
    }

    /// <summary>The URN a member name stands for: decoded once, prefixed by the volume URN unless it is an aff4: URN itself.</summary>
    public static string ToUrn(string memberName, string volumeUrn) => Qualify(DecodeOnce(memberName), volumeUrn);

    /// <summary>
    /// A loose comparison key for last-resort matching: %XX decoded completely (case-insensitively) and
    /// runs of '/' after the authority collapsed to one.
    /// </summary>
    public static string NormalisedKey(string urn)
    {
        ArgumentNullException.ThrowIfNull(urn);
        var key = urn;
        for (var pass = 0; pass < MaxDecodePasses; pass++)
        {
            var decoded = DecodeOnce(key);
            if (decoded == key) break;
            key = decoded;
        }
        return CollapseSlashes(key);
    }

    /// <summary>pyaff4 1.1 stores logical file names unescaped, with spaces where its URN has %20.</summary>
    internal static string ToUrnUnescaped(string memberName, string volumeUrn) =>
        Qualify(memberName.Replace(" ", "%20", StringComparison.Ordinal), volumeUrn);

    private static string Qualify(string path, string volumeUrn) =>
        path.StartsWith(Scheme, StringComparison.Ordinal) ? path : volumeUrn + "/" + path;

    /// <summary>
    /// WinPmem 2.x / c-aff4 before 2017 printed bytes ≥ 0x80 through a signed char, so é (C3 A9) became
    /// %ffffffc3%ffffffa9.
    /// </summary>
    private static bool TryWinPmemEscape(string text, int i, out byte value)
    {
        value = 0;
        if (i + WinPmemEscapePrefix.Length + 2 > text.Length
            || !text.AsSpan(i, WinPmemEscapePrefix.Length).Equals(WinPmemEscapePrefix, StringComparison.OrdinalIgnoreCase)
            || !TryHex(text[i + 7], text[i + 8], out value))
            return false;
        return value >= 0x80;
    }

    private static bool TryEscape(string text, int i, out byte value)
    {
        value = 0;
        return text[i] == '%' && i + 2 < text.Length && TryHex(text[i + 1], text[i + 2], out value);
    }

    private static bool TryHex(char high, char low, out byte value)
    {
        var h = HexDigit(high);
        var l = HexDigit(low);
        value = (byte)((h << 4) | l);
        return h >= 0 && l >= 0;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Utf8OrLatin1(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append((char)bytes[0]);
                consumed = 1;
            }
            bytes = bytes[consumed..];
        }
        return text.ToString();
    }

    private static string CollapseSlashes(string urn)
    {
        var authority = urn.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0) return urn;
        var pathStart = urn.IndexOf('/', authority + 3);
        if (pathStart < 0 || !urn.AsSpan(pathStart).Contains("//", StringComparison.Ordinal)) return urn;
        var text = new StringBuilder(urn.Length).Append(urn, 0, pathStart);
        for (var i = pathStart; i < urn.Length; i++)
            if (urn[i] != '/' || urn[i - 1] != '/' || i == pathStart)
                text.Append(urn[i]);
        return text.ToString();
    }
}
