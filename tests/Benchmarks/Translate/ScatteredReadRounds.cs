using System.Diagnostics;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// <see cref="TranslatedReadBenchmarks"/> with frames scattered page by page, in interleaved rounds for a machine too
/// noisy for one case after another: every round runs each reader once (cold: the image's cached pages dropped before
/// each), and a reader's figure is the median over rounds, with its ratio to the direct read of the same frames taken
/// per round, against the benchmark's limit and against the fastest of the direct readers of that round (the limit,
/// and readers with other numbers of reads in flight or announced ahead).
/// Run with <c>dotnet run -c Release --project tests/Benchmarks -- scattered-rounds [rounds]</c>.
/// </summary>
internal static class ScatteredReadRounds
{
    public const string Command = "scattered-rounds";

    /// <summary>Other direct readers: reads in flight, and reads announced ahead (0: none, <see cref="int.MaxValue"/>: all).</summary>
    private static readonly (int InFlight, int Window)[] Variants = [(1, 256), (4, int.MaxValue), (16, 0)];

    /// <summary>The readers of the same frames directly: the limit and the <see cref="Variants"/>, first in the list.</summary>
    private static int DirectReaders => 1 + Variants.Length;

    public static void Run(int rounds)
    {
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| case | reader | median ms | range ms | vs the limit (median of per-round ratios) | vs the round's fastest direct reader |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var cold in (bool[])[true, false]) Measure(cold, rounds);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void Measure(bool cold, int rounds)
    {
        var benchmark = new TranslatedReadBenchmarks { Scattered = true, ColdDisk = cold };
        benchmark.Setup();
        try
        {
            var direct = benchmark.Direct(TranslatedReadBenchmarks.DirectInFlight, TranslatedReadBenchmarks.DirectWindow);
            (string Name, Func<long> Read)[] readers =
            [
                ($"limit: the same frames read directly (sorted, {direct.Window} announced ahead, {direct.InFlight} in flight)", direct.Read),
                .. Variants.Select(v =>
                    ($"the same frames directly, sorted, {(v.Window == 0 ? "none" : v.Window == int.MaxValue ? "all" : v.Window)} announced ahead, {v.InFlight} in flight", (Func<long>)benchmark.Direct(v.InFlight, v.Window).Read)),
                ("reference: the same amount read sequentially", benchmark.PhysicalDirect),
                ("**through the translator**", benchmark.Translated),
            ];
            var ms = new double[readers.Length][];
            for (var k = 0; k < readers.Length; k++) ms[k] = new double[rounds];
            for (var round = -1; round < rounds; round++) // round -1 warms the code (and, warm, the OS page cache)
            {
                for (var k = 0; k < readers.Length; k++)
                {
                    benchmark.DropTheImageIfColdDisk();
                    var started = Stopwatch.GetTimestamp();
                    var bytes = readers[k].Read();
                    if (bytes != benchmark.ReadBytes) throw new InvalidOperationException($"{readers[k].Name} read {bytes} bytes, not {benchmark.ReadBytes}");
                    if (round >= 0) ms[k][round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            var which = cold ? $"cold, {benchmark.ReadBytes >> 20} MiB" : $"warm, {benchmark.ReadBytes >> 20} MiB";
            for (var k = 0; k < readers.Length; k++)
            {
                var ratios = Enumerable.Range(0, rounds).Select(r => ms[0][r] / ms[k][r]).ToArray();
                var best = Enumerable.Range(0, rounds).Select(r => Enumerable.Range(0, DirectReaders).Min(d => ms[d][r]) / ms[k][r]).ToArray();
                Console.WriteLine($"| {which} | {readers[k].Name} | {RoundFigures.Median(ms[k]):N0} | {ms[k].Min():N0}–{ms[k].Max():N0} | {RoundFigures.Median(ratios) * 100:F0}% | {RoundFigures.Median(best) * 100:F0}% |");
            }
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}
