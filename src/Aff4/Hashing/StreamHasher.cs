using System.Security.Cryptography;
using MemFs.Aff4.Streams;

namespace MemFs.Aff4.Hashing;

/// <summary>Hashes a stream range with several algorithms in one sequential pass.</summary>
public static class StreamHasher
{
    private const int BufferSize = 4 << 20;

    /// <summary>Lower-case hex digests of <paramref name="length"/> bytes from <paramref name="start"/>, keyed by algorithm; a short stream is an error naming <paramref name="files"/>.</summary>
    public static IReadOnlyDictionary<string, string> Hash(IAff4Stream stream, long start, long length, IReadOnlyList<string> algorithms,
        string files, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        var hashers = algorithms.Select(a => (name: a, h: HashAlgorithms.Create(a))).ToArray();
        try
        {
            var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(length, 1))];
            long done = 0;
            while (done < length)
            {
                cancel.ThrowIfCancellationRequested();
                var n = (int)Math.Min(buffer.Length, length - done);
                var got = stream.Read(start + done, buffer.AsSpan(0, n));
                if (got != n) throw new Aff4Exception($"stream ended at 0x{start + done + got:X}, before the {length} bytes to hash", files, stream.Urn, start + done + got);
                foreach (var (_, h) in hashers) h.TransformBlock(buffer, 0, n, null, 0);
                done += n;
                progress?.Report(done);
            }
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, h) in hashers)
            {
                h.TransformFinalBlock([], 0, 0);
                result[name] = Convert.ToHexStringLower(h.Hash!);
            }
            return result;
        }
        finally
        {
            foreach (var (_, h) in hashers) h.Dispose();
        }
    }
}
