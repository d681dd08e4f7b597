using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>A file whose every 8-byte word is a hash of its index: any byte can be checked without keeping a copy.</summary>
public sealed class PatternFile(string name, long length) : VfsFile(name)
{
    public override long Length => length;

    public override int Read(long offset, Span<byte> destination)
    {
        if (offset >= length) return 0;
        var count = (int)Math.Min(destination.Length, length - offset);
        Fill(offset, destination[..count]);
        return count;
    }

    public static void Fill(long offset, Span<byte> destination)
    {
        Span<byte> word = stackalloc byte[8];
        var i = 0;
        while (i < destination.Length)
        {
            if ((offset + i) % 8 == 0 && destination.Length - i >= 8)
            {
                var words = MemoryMarshal.Cast<byte, ulong>(destination[i..]);
                var first = (offset + i) / 8;
                for (var k = 0; k < words.Length; k++) words[k] = BitConverter.IsLittleEndian ? Word(first + k) : BinaryPrimitives.ReverseEndianness(Word(first + k));
                i += words.Length * 8;
                continue;
            }
            var position = offset + i;
            BinaryPrimitives.WriteUInt64LittleEndian(word, Word(position / 8));
            var start = (int)(position % 8);
            var n = Math.Min(8 - start, destination.Length - i);
            word.Slice(start, n).CopyTo(destination[i..]);
            i += n;
        }
    }

    public static byte[] Expected(long offset, int count)
    {
        var bytes = new byte[count];
        Fill(offset, bytes);
        return bytes;
    }

    private static ulong Word(long index)
    {
        var z = (ulong)index * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
