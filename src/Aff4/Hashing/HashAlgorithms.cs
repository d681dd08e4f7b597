using System.Security.Cryptography;

namespace MemFs.Aff4.Hashing;

/// <summary>The digest algorithms AFF4 states hashes in, by the names <c>HashAlgorithmIri</c> gives them.</summary>
public static class HashAlgorithms
{
    public static readonly IReadOnlyList<string> Supported = ["md5", "sha1", "sha256", "sha512", "blake2b"];

    public static HashAlgorithm? TryCreate(string name) => name.ToLowerInvariant() switch
    {
        "md5" => MD5.Create(),
        "sha1" => SHA1.Create(),
        "sha256" => SHA256.Create(),
        "sha512" => SHA512.Create(),
        "blake2b" => new Blake2b(),
        _ => null,
    };

    public static HashAlgorithm Create(string name) => TryCreate(name) ?? throw new ArgumentException($"unsupported hash algorithm '{name}'");

    public static byte[] Compute(string name, ReadOnlySpan<byte> data)
    {
        using var h = Create(name);
        return h.ComputeHash(data.ToArray());
    }
}
