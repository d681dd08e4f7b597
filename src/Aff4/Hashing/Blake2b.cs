using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MemFs.Aff4.Hashing;

/// <summary>
/// BLAKE2b-512 without a key (RFC 7693), the aff4:Blake2b / aff4:blake2b hash of AFF4 streams and
/// Evimetry block hashes. .NET has no BLAKE2b, hence this implementation.
/// </summary>
internal sealed class Blake2b : HashAlgorithm
{
    private const int BlockSize = 128;
    private const int DigestSize = 64;
    private const int Rounds = 12;

    // RFC 7693 §2.6: the SHA-512 initial values.
    private static ReadOnlySpan<ulong> InitialVector =>
    [
        0x6A09E667F3BCC908UL, 0xBB67AE8584CAA73BUL, 0x3C6EF372FE94F82BUL, 0xA54FF53A5F1D36F1UL,
        0x510E527FADE682D1UL, 0x9B05688C2B3E6C1FUL, 0x1F83D9ABFB41BD6BUL, 0x5BE0CD19137E2179UL,
    ];

    // RFC 7693 §2.7: message word order per round; rounds 10 and 11 repeat rounds 0 and 1.
    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ];

    private readonly ulong[] _state = new ulong[8];
    private readonly byte[] _block = new byte[BlockSize];
    private int _blockLength;
    private ulong _bytesLow;
    private ulong _bytesHigh;

    public Blake2b()
    {
        HashSizeValue = DigestSize * 8;
        Initialize();
    }

    public override void Initialize()
    {
        InitialVector.CopyTo(_state);
        // Parameter block word 0: digest length 64, key length 0, fanout 1, depth 1.
        _state[0] ^= 0x01010000UL | DigestSize;
        Array.Clear(_block);
        _blockLength = 0;
        _bytesLow = 0;
        _bytesHigh = 0;
    }

    protected override void HashCore(byte[] array, int ibStart, int cbSize) =>
        HashCore(array.AsSpan(ibStart, cbSize));

    protected override void HashCore(ReadOnlySpan<byte> source)
    {
        // The last block must be compressed with the final flag, so a full block is only compressed
        // once more input is known to follow it.
        while (!source.IsEmpty)
        {
            if (_blockLength == BlockSize)
            {
                AddToCounter(BlockSize);
                Compress(_block, final: false);
                _blockLength = 0;
            }

            if (_blockLength == 0)
            {
                while (source.Length > BlockSize)
                {
                    AddToCounter(BlockSize);
                    Compress(source[..BlockSize], final: false);
                    source = source[BlockSize..];
                }
            }

            int take = Math.Min(BlockSize - _blockLength, source.Length);
            source[..take].CopyTo(_block.AsSpan(_blockLength));
            _blockLength += take;
            source = source[take..];
        }
    }

    protected override byte[] HashFinal()
    {
        byte[] digest = new byte[DigestSize];
        Finish(digest);
        return digest;
    }

    protected override bool TryHashFinal(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < DigestSize)
        {
            bytesWritten = 0;
            return false;
        }
        Finish(destination);
        bytesWritten = DigestSize;
        return true;
    }

    private void Finish(Span<byte> digest)
    {
        AddToCounter(_blockLength);
        _block.AsSpan(_blockLength).Clear();
        Compress(_block, final: true);
        for (int i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(digest[(i * 8)..], _state[i]);
    }

    // The byte counter is 128 bits wide (RFC 7693 §2.3).
    private void AddToCounter(int count)
    {
        _bytesLow += (ulong)count;
        if (_bytesLow < (ulong)count)
            _bytesHigh++;
    }

    private void Compress(ReadOnlySpan<byte> block, bool final)
    {
        Span<ulong> m = stackalloc ulong[16];
        for (int i = 0; i < 16; i++)
            m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);

        Span<ulong> h = _state;
        ReadOnlySpan<ulong> iv = InitialVector;
        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = iv[0], v9 = iv[1], v10 = iv[2], v11 = iv[3];
        ulong v12 = iv[4] ^ _bytesLow, v13 = iv[5] ^ _bytesHigh;
        ulong v14 = final ? ~iv[6] : iv[6], v15 = iv[7];

        ReadOnlySpan<byte> sigma = Sigma;
        for (int r = 0; r < Rounds; r++)
        {
            ReadOnlySpan<byte> s = sigma.Slice(r * 16, 16);
            Mix(ref v0, ref v4, ref v8, ref v12, m[s[0]], m[s[1]]);
            Mix(ref v1, ref v5, ref v9, ref v13, m[s[2]], m[s[3]]);
            Mix(ref v2, ref v6, ref v10, ref v14, m[s[4]], m[s[5]]);
            Mix(ref v3, ref v7, ref v11, ref v15, m[s[6]], m[s[7]]);
            Mix(ref v0, ref v5, ref v10, ref v15, m[s[8]], m[s[9]]);
            Mix(ref v1, ref v6, ref v11, ref v12, m[s[10]], m[s[11]]);
            Mix(ref v2, ref v7, ref v8, ref v13, m[s[12]], m[s[13]]);
            Mix(ref v3, ref v4, ref v9, ref v14, m[s[14]], m[s[15]]);
        }

        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    // RFC 7693 §3.1, function G with rotations 32, 24, 16, 63.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a = a + b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a = a + b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
