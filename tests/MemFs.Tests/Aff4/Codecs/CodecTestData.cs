namespace MemFs.Tests.Aff4.Codecs;

/// <summary>Deterministic inputs for codec round trips.</summary>
internal static class CodecTestData
{
    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Runs of one byte, repeated short phrases and random stretches, like a memory page mix.</summary>
    public static byte[] Repetitive(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        int position = 0;
        while (position < length)
        {
            int run = Math.Min(length - position, random.Next(1, 2000));
            switch (random.Next(3))
            {
                case 0:
                    data.AsSpan(position, run).Fill((byte)random.Next(4));
                    break;
                case 1:
                    int period = random.Next(2, 9);
                    for (int i = 0; i < run; i++)
                        data[position + i] = (byte)('a' + (i % period));
                    break;
                default:
                    random.NextBytes(data.AsSpan(position, Math.Min(run, 64)));
                    break;
            }
            position += run;
        }
        return data;
    }

    public static byte[] WithTrailing(byte[] data, int count, byte value)
    {
        var padded = new byte[data.Length + count];
        data.CopyTo(padded, 0);
        padded.AsSpan(data.Length).Fill(value);
        return padded;
    }
}
