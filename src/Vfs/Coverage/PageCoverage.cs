using MemFs.Translate.Paging;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Coverage;

/// <summary>
/// How much of an address space a search can see: pages by state, pages that read as bytes, pages that are holes
/// (zeros that are not content) and pages that fail (--strict), each by reason. Addable, so a mount can sum its processes.
/// </summary>
public sealed class PageCoverage
{
    private readonly Dictionary<PageState, long> _byState = [];
    private readonly Dictionary<string, long> _holes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failing = new(StringComparer.Ordinal);

    public long Vads { get; private set; }
    public long Pages { get; private set; }
    public long ReadablePages { get; private set; }
    public long HolePages { get; private set; }
    public long FailingPages { get; private set; }

    /// <summary>Pages of VADs too large to classify (<see cref="VadPages.MaxPagesPerVad"/>): read as the translation says.</summary>
    public long UnclassifiedPages { get; private set; }

    public IReadOnlyDictionary<PageState, long> ByState => _byState;
    public IReadOnlyDictionary<string, long> HolesByReason => _holes;
    public IReadOnlyDictionary<string, long> FailingByReason => _failing;

    /// <summary>Every page of the process's user-space VADs (the ones regions/ and vmem serve).</summary>
    public static PageCoverage Of(ProcessView view)
    {
        var coverage = new PageCoverage();
        var memory = view.Memory;
        foreach (var vad in view.DataVads)
        {
            coverage.Vads++;
            if (VadPages.TooLarge(vad.Start, vad.End))
            {
                coverage.UnclassifiedPages += (long)((vad.End - vad.Start + 1) >> 12);
                continue;
            }
            VadPages.Scan(memory, vad.Start, vad.End + 1, (_, page) =>
            {
                coverage.Add(page, memory.IsHole(page));
                return true;
            });
        }
        return coverage;
    }

    public void Add(PageCoverage other)
    {
        Vads += other.Vads;
        Pages += other.Pages;
        ReadablePages += other.ReadablePages;
        HolePages += other.HolePages;
        FailingPages += other.FailingPages;
        UnclassifiedPages += other.UnclassifiedPages;
        foreach (var (state, n) in other._byState) Count(_byState, state, n);
        foreach (var (reason, n) in other._holes) Count(_holes, reason, n);
        foreach (var (reason, n) in other._failing) Count(_failing, reason, n);
    }

    private void Add(in Resolution page, bool hole)
    {
        Pages++;
        Count(_byState, page.State, 1);
        if (page.Readable) ReadablePages++;
        else if (hole)
        {
            HolePages++;
            Count(_holes, HoleReason.Of(page), 1);
        }
        else
        {
            FailingPages++;
            Count(_failing, HoleReason.Of(page), 1);
        }
    }

    private static void Count<TKey>(Dictionary<TKey, long> counts, TKey key, long n) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + n;
}
