namespace MemFs.Benchmarks;

/// <summary>Figures over the rounds of an interleaved measurement.</summary>
internal static class RoundFigures
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
