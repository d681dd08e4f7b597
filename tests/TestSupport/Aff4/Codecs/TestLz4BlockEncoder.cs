using System.Buffers.Binary;

namespace MemFs.Tests.Aff4.Codecs;

/// <summary>
/// Test-only greedy LZ4 block encoder: a hash table of 4-byte sequences finds the most recent
/// candidate; runs of one byte become overlapping offset-1 matches. Obeys the block format's end
/// rules (the last match starts at least 12 bytes before the end, the last 5 bytes are literals).
/// </summary>
internal static class TestLz4BlockEncoder
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5;
    private const int MatchStartLimit = 12;
    private const int MaxOffset = 65535;
    private const int HashBits = 16;

    public static byte[] Encode(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length + input.Length / 255 + 16);
        int[] table = new int[1 << HashBits];
        Array.Fill(table, -1);

        int anchor = 0;
        int position = 0;
        int matchEndLimit = input.Length - LastLiterals;
        while (position + MatchStartLimit <= input.Length)
        {
            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);
            int slot = (int)((sequence * 2654435761u) >> (32 - HashBits));
            int candidate = table[slot];
            table[slot] = position;

            if (candidate >= 0 && position - candidate <= MaxOffset
                && BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) == sequence)
            {
                int length = MinMatch;
                while (position + length < matchEndLimit && input[candidate + length] == input[position + length])
                    length++;
                EmitSequence(output, input[anchor..position], position - candidate, length);
                position += length;
                anchor = position;
            }
            else
            {
                position++;
            }
        }

        EmitLastLiterals(output, input[anchor..]);
        return output.ToArray();
    }

    private static void EmitSequence(List<byte> output, ReadOnlySpan<byte> literals, int offset, int matchLength)
    {
        int matchCode = matchLength - MinMatch;
        output.Add((byte)((Math.Min(literals.Length, 15) << 4) | Math.Min(matchCode, 15)));
        EmitLengthContinuation(output, literals.Length);
        foreach (byte b in literals)
            output.Add(b);
        output.Add((byte)offset);
        output.Add((byte)(offset >> 8));
        EmitLengthContinuation(output, matchCode);
    }

    private static void EmitLastLiterals(List<byte> output, ReadOnlySpan<byte> literals)
    {
        output.Add((byte)(Math.Min(literals.Length, 15) << 4));
        EmitLengthContinuation(output, literals.Length);
        foreach (byte b in literals)
            output.Add(b);
    }

    private static void EmitLengthContinuation(List<byte> output, int length)
    {
        if (length < 15)
            return;
        int rest = length - 15;
        for (; rest >= 255; rest -= 255)
            output.Add(255);
        output.Add((byte)rest);
    }
}
