namespace MemFs.Tests.Translate.Paging.Compression;

/// <summary>
/// A greedy plain XPRESS compressor for tests and benchmarks: at each position the longest match among the last
/// few places its next three bytes occurred (within the 8 KiB window), else a literal.
/// </summary>
internal static class TestXpressEncoder
{
    private const int HashBits = 14;
    private const int Candidates = 32;

    public static byte[] Encode(ReadOnlySpan<byte> input)
    {
        var writer = new XpressStreamWriter();
        var head = new int[1 << HashBits];
        Array.Fill(head, -1);
        var previous = new int[input.Length];
        int position = 0;
        while (position < input.Length)
        {
            var (offset, length) = LongestMatch(input, position, head, previous);
            if (length >= XpressStreamWriter.MinMatch)
            {
                writer.Match(offset, length);
                for (int i = 0; i < length; i++) Remember(input, position + i, head, previous);
                position += length;
            }
            else
            {
                writer.Literal(input[position]);
                Remember(input, position, head, previous);
                position++;
            }
        }
        return writer.Finish();
    }

    private static (int Offset, int Length) LongestMatch(ReadOnlySpan<byte> input, int position, int[] head, int[] previous)
    {
        if (input.Length - position < XpressStreamWriter.MinMatch) return (0, 0);
        int bestOffset = 0, bestLength = 0;
        int candidate = head[Hash(input, position)];
        for (int tries = 0; candidate >= 0 && tries < Candidates; tries++, candidate = previous[candidate])
        {
            int offset = position - candidate;
            if (offset > XpressStreamWriter.MaxOffset) break;
            int length = 0;
            while (position + length < input.Length && input[candidate + length] == input[position + length]) length++;
            if (length > bestLength) (bestOffset, bestLength) = (offset, length);
        }
        return (bestOffset, bestLength);
    }

    private static void Remember(ReadOnlySpan<byte> input, int position, int[] head, int[] previous)
    {
        if (input.Length - position < XpressStreamWriter.MinMatch) return;
        int hash = Hash(input, position);
        previous[position] = head[hash];
        head[hash] = position;
    }

    private static int Hash(ReadOnlySpan<byte> input, int position) =>
        (int)(((uint)(input[position] | input[position + 1] << 8 | input[position + 2] << 16) * 2654435761u) >> (32 - HashBits));
}
