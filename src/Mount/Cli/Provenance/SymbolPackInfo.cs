using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Mount.Cli.Provenance;

/// <summary>
/// Which kernel offsets pack is embedded (MemFs.Translate's gzip'd JSON resource): the start of its SHA-256 and the
/// JPCERT Windows-Symbol-Tables commit its attribution names. Reads only the head of the pack, so --version stays fast.
/// </summary>
internal static partial class SymbolPackInfo
{
    private const string ResourceSuffix = "kernel-pack.json.gz";
    private const int HeadBytes = 4096;

    public static string Describe()
    {
        var assembly = typeof(ProcessInfo).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = name is null ? null : assembly.GetManifestResourceStream(name);
        if (stream is null) return "none embedded";
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        var commit = SourceCommit().Match(Head(bytes)) is { Success: true } m ? m.Groups[1].Value[..12] : "unknown";
        return $"sha256 {sha}, JPCERT Windows-Symbol-Tables commit {commit} (BSD-3-Clause)";
    }

    /// <summary>The first few KiB of the decompressed JSON: the pack writes its keys sorted, so "attribution" comes first.</summary>
    private static string Head(byte[] gzip)
    {
        using var inflate = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var head = new byte[HeadBytes];
        var length = inflate.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(head, 0, length);
    }

    [GeneratedRegex("commit ([0-9a-f]{40})")]
    private static partial Regex SourceCommit();
}
