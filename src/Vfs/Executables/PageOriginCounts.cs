namespace MemFs.Vfs.Executables;

/// <summary>How many pages of a recovered image came from each <see cref="PageOrigin"/>: the one count recovery.txt and recovery.png show.</summary>
internal sealed class PageOriginCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<PageOrigin>().Length];

    public PageOriginCounts(IEnumerable<ImagePage> pages)
    {
        foreach (var page in pages) _counts[(int)page.Origin]++;
    }

    public int this[PageOrigin origin] => _counts[(int)origin];

    public int Total => _counts.Sum();
}
