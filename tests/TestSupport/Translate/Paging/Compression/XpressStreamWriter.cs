using System.Buffers.Binary;

namespace MemFs.Tests.Translate.Paging.Compression;

/// <summary>
/// Writes a plain XPRESS stream item by item ([MS-XCA] §2.3.4): 32-bit flag words reserved ahead of their items,
/// match words with every length escape (nibbles shared by two matches, byte, 16-bit, 32-bit) and the closing flag
/// word padded with ones. Tests use it to build exact streams; <see cref="TestXpressEncoder"/> drives it.
/// </summary>
internal sealed class XpressStreamWriter
{
    public const int MaxOffset = 1 << 13;
    public const int MinMatch = 3;

    private readonly List<byte> _output = [0, 0, 0, 0];
    private int _flagAt;
    private uint _flags;
    private int _flagCount;
    private int _nibbleAt = -1;

    public void Literal(byte value)
    {
        _output.Add(value);
        Flag(0);
    }

    public void Match(int offset, int length)
    {
        if (offset is < 1 or > MaxOffset) throw new ArgumentOutOfRangeException(nameof(offset));
        if (length < MinMatch) throw new ArgumentOutOfRangeException(nameof(length));
        long rest = length - MinMatch;
        int word = (offset - 1) << 3;
        if (rest < 7)
        {
            Add16(word | (int)rest);
        }
        else
        {
            Add16(word | 7);
            rest -= 7;
            int nibble = (int)Math.Min(rest, 15);
            if (_nibbleAt < 0)
            {
                _nibbleAt = _output.Count;
                _output.Add((byte)nibble);
            }
            else
            {
                _output[_nibbleAt] |= (byte)(nibble << 4);
                _nibbleAt = -1;
            }
            if (rest >= 15)
            {
                rest -= 15;
                if (rest < 255)
                {
                    _output.Add((byte)rest);
                }
                else
                {
                    _output.Add(255);
                    rest += 15 + 7;
                    if (rest < 1 << 16)
                    {
                        Add16((int)rest);
                    }
                    else
                    {
                        Add16(0);
                        Add32((uint)rest);
                    }
                }
            }
        }
        Flag(1);
    }

    /// <summary>The stream: the open flag word is shifted up and its unused low bits set (the end marker).</summary>
    public byte[] Finish()
    {
        int unused = 32 - _flagCount;
        uint flags = unused == 32 ? uint.MaxValue : (_flags << unused) | ((1u << unused) - 1);
        var bytes = _output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(_flagAt), flags);
        return bytes;
    }

    private void Flag(uint bit)
    {
        _flags = (_flags << 1) | bit;
        if (++_flagCount < 32) return;
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, _flags);
        for (int i = 0; i < 4; i++) _output[_flagAt + i] = word[i];
        _flagAt = _output.Count;
        _output.AddRange([0, 0, 0, 0]);
        _flags = 0;
        _flagCount = 0;
    }

    private void Add16(int value)
    {
        _output.Add((byte)value);
        _output.Add((byte)(value >> 8));
    }

    private void Add32(uint value)
    {
        Add16((int)(value & 0xFFFF));
        Add16((int)(value >> 16));
    }
}
