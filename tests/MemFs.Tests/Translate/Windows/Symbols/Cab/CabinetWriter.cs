using System.Buffers.Binary;
using System.IO.Compression;

namespace MemFs.Tests.Translate.Windows.Symbols.Cab;

/// <summary>
/// Test-only: writes a single-folder cabinet ([MS-CAB]) holding one file in 32 KiB MSZIP blocks. Each block is
/// encoded as <paramref name="encode"/> says: a stored deflate block, a block compressed by DeflateStream (its own
/// Huffman tables), or one given as is (e.g. a hand-made block whose matches reach into the previous block).
/// </summary>
internal static class CabinetWriter
{
    public const int BlockBytes = 32 * 1024;

    public static byte[] Build(string name, byte[] content, Func<int, byte[], byte[]>? encode = null, ushort compression = 1)
    {
        encode ??= (_, block) => Stored(block);
        var blocks = new List<(byte[] Data, int Uncompressed)>();
        for (int offset = 0, index = 0; offset < content.Length; offset += BlockBytes, index++)
        {
            var block = content.AsSpan(offset, Math.Min(BlockBytes, content.Length - offset)).ToArray();
            blocks.Add((compression == 0 ? block : [(byte)'C', (byte)'K', .. encode(index, block)], block.Length));
        }
        var nameBytes = global::System.Text.Encoding.ASCII.GetBytes(name + "\0");
        const int headerBytes = 36, folderBytes = 8;
        var filesOffset = headerBytes + folderBytes;
        var dataOffset = filesOffset + 16 + nameBytes.Length;
        var total = dataOffset + blocks.Sum(b => 8 + b.Data.Length);

        var cab = new byte[total];
        var span = cab.AsSpan();
        "MSCF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)filesOffset);
        span[24] = 3;
        span[25] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[36..], (uint)dataOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(span[40..], (ushort)blocks.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[42..], compression);
        BinaryPrimitives.WriteUInt32LittleEndian(span[filesOffset..], (uint)content.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(filesOffset + 14)..], 0x20);
        nameBytes.CopyTo(span[(filesOffset + 16)..]);
        var position = dataOffset;
        foreach (var (data, uncompressed) in blocks)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 4)..], (ushort)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 6)..], (ushort)uncompressed);
            data.CopyTo(span[(position + 8)..]);
            position += 8 + data.Length;
        }
        return cab;
    }

    /// <summary>One final stored deflate block (RFC 1951 §3.2.4): BFINAL 1, BTYPE 00, LEN, NLEN, the bytes.</summary>
    public static byte[] Stored(byte[] block)
    {
        var length = (ushort)block.Length;
        return [1, (byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8), .. block];
    }

    /// <summary>The block compressed on its own by DeflateStream (Huffman-coded, ending with a final block).</summary>
    public static byte[] Deflated(byte[] block)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(block);
        return output.ToArray();
    }

    /// <summary>
    /// A fixed-Huffman block (RFC 1951 §3.2.6) that repeats the 32 KiB before it: matches at distance 32768 only,
    /// so it decodes right only with the previous block as history.
    /// </summary>
    public static byte[] RepeatPreviousBlock()
    {
        var bits = new BitWriter();
        bits.Write(1, 1);
        bits.Write(1, 2);
        for (var i = 0; i < 126; i++) Match(bits, 285, 0, 0);   // 126 × 258
        Match(bits, 284, 30, 5);                                  // 257 = 227 + 30
        Match(bits, 257, 0, 0);                                   // 3
        bits.Huffman(0, 7);                                       // end of block (256)
        return bits.ToArray();

        static void Match(BitWriter bits, int lengthCode, int lengthExtra, int lengthExtraBits)
        {
            if (lengthCode < 280) bits.Huffman(lengthCode - 256, 7);
            else bits.Huffman(0xC0 + lengthCode - 280, 8);
            bits.Write(lengthExtra, lengthExtraBits);
            bits.Huffman(29, 5);                                  // distance code 29: 24577 + 13 extra bits
            bits.Write(32768 - 24577, 13);
        }
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bit;

        public void Write(int value, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (_bit == 0) _bytes.Add(0);
                if (((value >> i) & 1) != 0) _bytes[^1] |= (byte)(1 << _bit);
                _bit = (_bit + 1) & 7;
            }
        }

        /// <summary>Huffman codes are packed starting with their most significant bit.</summary>
        public void Huffman(int code, int length)
        {
            for (var i = length - 1; i >= 0; i--) Write((code >> i) & 1, 1);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
