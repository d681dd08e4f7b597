using System.Buffers.Binary;
using System.Numerics;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// Turns a bitmap dump's page bitmap (bit i set: physical page i is present) into runs. Present pages are
/// stored back to back in bit order from the first page's file offset. Words are scanned 64 bits at a time;
/// all-zero and all-one words cost one step.
/// </summary>
internal sealed class PageBitmap
{
    private const int ChunkBytes = 1 << 20;
    private const long PageSize = FullDump.PageSize;

    private readonly List<MappedRun> _runs = [];
    private readonly long _firstPageOffset;
    private long _runStartPage = -1;
    private long _pagesStored;

    private PageBitmap(long firstPageOffset) => _firstPageOffset = firstPageOffset;

    /// <summary>Set bits seen, i.e. pages stored in the file.</summary>
    public long SetBits { get; private set; }

    public IReadOnlyList<MappedRun> Runs => _runs;

    /// <summary>Scans <paramref name="bitCount"/> bits at <paramref name="bitmapOffset"/> of <paramref name="source"/>.</summary>
    public static PageBitmap Scan(IByteSource source, long bitmapOffset, long bitCount, long firstPageOffset)
    {
        var bitmap = new PageBitmap(firstPageOffset);
        var buffer = new byte[(int)Math.Min(ChunkBytes, (bitCount + 7) / 8)];
        for (long bit = 0; bit < bitCount;)
        {
            var bytes = (int)Math.Min(buffer.Length, (bitCount - bit + 7) / 8);
            var chunk = buffer.AsSpan(0, bytes);
            source.ReadExactly(bitmapOffset + bit / 8, chunk, "SUMMARY_DUMP bitmap");
            bitmap.Add(chunk, bit, Math.Min(bitCount - bit, (long)bytes * 8));
            bit += (long)bytes * 8;
        }
        bitmap.Finish(bitCount);
        return bitmap;
    }

    /// <summary>Scans an in-memory bitmap of <paramref name="bitCount"/> bits.</summary>
    public static PageBitmap Scan(ReadOnlySpan<byte> bitmap, long bitCount, long firstPageOffset)
    {
        var result = new PageBitmap(firstPageOffset);
        result.Add(bitmap[..(int)((bitCount + 7) / 8)], 0, bitCount);
        result.Finish(bitCount);
        return result;
    }

    /// <summary><paramref name="chunk"/> holds bits from <paramref name="firstBit"/> (a multiple of 64), <paramref name="bits"/> of them valid.</summary>
    private void Add(ReadOnlySpan<byte> chunk, long firstBit, long bits)
    {
        Span<byte> tail = stackalloc byte[8];
        for (var i = 0; i * 64L < bits; i++)
        {
            ulong word;
            var at = i * 8;
            if (chunk.Length - at >= 8) word = BinaryPrimitives.ReadUInt64LittleEndian(chunk[at..]);
            else
            {
                tail.Clear();
                chunk[at..].CopyTo(tail);
                word = BinaryPrimitives.ReadUInt64LittleEndian(tail);
            }
            var valid = bits - i * 64L;
            if (valid < 64) word &= (1UL << (int)valid) - 1;
            AddWord(word, firstBit + i * 64L);
        }
    }

    private void AddWord(ulong word, long wordBit)
    {
        SetBits += BitOperations.PopCount(word);
        if (word == (_runStartPage >= 0 ? ulong.MaxValue : 0)) return;
        var pos = 0;
        while (pos < 64)
        {
            if (_runStartPage >= 0)
            {
                var zeros = ~word >> pos;
                if (zeros == 0) return;
                pos += BitOperations.TrailingZeroCount(zeros);
                Close(wordBit + pos);
            }
            else
            {
                var ones = word >> pos;
                if (ones == 0) return;
                pos += BitOperations.TrailingZeroCount(ones);
                _runStartPage = wordBit + pos;
            }
        }
    }

    private void Close(long endPage)
    {
        var pages = endPage - _runStartPage;
        _runs.Add(new MappedRun(_runStartPage * PageSize, pages * PageSize, _firstPageOffset + _pagesStored * PageSize));
        _pagesStored += pages;
        _runStartPage = -1;
    }

    private void Finish(long bitCount)
    {
        if (_runStartPage >= 0) Close(bitCount);
    }
}
