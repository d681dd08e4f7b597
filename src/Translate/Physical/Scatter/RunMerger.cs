using System.Runtime.CompilerServices;

namespace MemFs.Translate.Physical.Scatter;

/// <summary>
/// Sorts a scattered read's requests by offset and merges neighbours into runs: requests that touch, overlap or
/// repeat, and requests separated by at most a small gap (reading the gap costs less than a second read), up to a
/// bounded run length.
/// </summary>
internal static class RunMerger
{
    /// <summary>
    /// Sorts <paramref name="order"/> (indices into <paramref name="requests"/>, none of length 0) by offset and appends
    /// the runs over them to <paramref name="runs"/>. A request longer than <paramref name="maxRunBytes"/> is a run of its own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Merge(ReadOnlySpan<ScatterRequest> requests, Span<int> order, List<ScatterRun> runs, int maxGap, int maxRunBytes)
    {
        if (order.IsEmpty) return;
        Sort(requests, order);
        var first = 0;
        var start = requests[order[0]].Offset;
        var end = requests[order[0]].End;
        for (var k = 1; k < order.Length; k++)
        {
            var next = requests[order[k]];
            var merged = Math.Max(end, next.End);
            if (next.Offset - end <= maxGap && merged - start <= maxRunBytes)
            {
                end = merged;
                continue;
            }
            runs.Add(new ScatterRun(start, (int)(end - start), first, k - first));
            (first, start, end) = (k, next.Offset, next.End);
        }
        runs.Add(new ScatterRun(start, (int)(end - start), first, order.Length - first));
    }

    private static void Sort(ReadOnlySpan<ScatterRequest> requests, Span<int> order)
    {
        var sorted = true;
        for (var k = 1; k < order.Length && sorted; k++) sorted = requests[order[k - 1]].Offset <= requests[order[k]].Offset;
        if (sorted) return;
        var keys = new long[order.Length];
        for (var k = 0; k < order.Length; k++) keys[k] = requests[order[k]].Offset;
        keys.AsSpan().Sort(order);
    }
}
