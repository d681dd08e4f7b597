using System.Globalization;

namespace MemFs.Vfs.Producers;

/// <summary>The names vtop/ directories resolve: &lt;hex address&gt;.txt, with or without 0x.</summary>
internal static class VtopName
{
    public static bool TryParse(string name, out ulong va)
    {
        va = 0;
        if (!name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) return false;
        var hex = name[..^4];
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        return ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, null, out va);
    }
}
