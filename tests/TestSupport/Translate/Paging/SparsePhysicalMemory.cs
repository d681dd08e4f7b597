using MemFs.Translate.Physical;

namespace MemFs.Tests.Translate.Paging;

/// <summary>Test physical memory made of the 4 KiB pages that were written; everything else is a hole.</summary>
internal sealed class SparsePhysicalMemory : IPhysicalMemory
{
    private readonly SortedDictionary<long, byte[]> _pages = [];

    public string Format => "test sparse physical memory";

    public IReadOnlyList<PhysicalRun> Runs =>
        RunTable.Merge(_pages.Keys.Select(p => new MappedRun(p, 4096, 0)));

    public byte[] Page(long frame)
    {
        if (!_pages.TryGetValue(frame & ~0xFFFL, out var page)) _pages[frame & ~0xFFFL] = page = new byte[4096];
        return page;
    }

    /// <summary>A raw image of these pages from address 0 (the gaps between them become zeros, as in any raw image).</summary>
    public byte[] ToRaw()
    {
        var raw = new byte[_pages.Keys.Max() + 4096];
        foreach (var (address, page) in _pages) page.CopyTo(raw, address);
        return raw;
    }

    public bool Has(long address) => _pages.ContainsKey(address & ~0xFFFL);

    public void Read(long address, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var at = address + done;
            if (!_pages.TryGetValue(at & ~0xFFFL, out var page)) throw new PhysicalHoleException(at, Format);
            var n = (int)Math.Min(destination.Length - done, 4096 - (at & 0xFFF));
            page.AsSpan((int)(at & 0xFFF), n).CopyTo(destination[done..]);
            done += n;
        }
    }
}
