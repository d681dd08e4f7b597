using System.Diagnostics;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// <see cref="WarmReadBenchmarks"/> in interleaved rounds, for a machine too noisy for one kind after another: every
/// round reads the ceiling and each kind once (the kernel's pages of the file dropped before each read), and a kind's
/// figure is the median over rounds of its throughput divided by the ceiling's in the same round (executable.exe's by
/// the ceiling's first 8 MiB: small files read before the kernel's readahead has grown).
/// Run with <c>dotnet run -c Release --project tests/Benchmarks -- warm-rounds [rounds]</c>.
/// </summary>
internal static class WarmReadRounds
{
    public const string Command = "warm-rounds";

    public static void Run(int rounds)
    {
        var benchmark = new WarmReadBenchmarks();
        benchmark.Setup();
        try
        {
            (string Name, Action Drop, Func<long> Read)[] kinds =
            [
                ("FUSE ceiling (preallocated file)", benchmark.DropCeiling, benchmark.Ceiling),
                ("region", benchmark.DropRegion, benchmark.Region),
                ("vmem", benchmark.DropVmem, benchmark.Vmem),
                ("physical.raw, raw image", benchmark.DropRawPhysical, benchmark.RawPhysical),
                ("physical.raw, raw image, spliced", benchmark.DropSplicedRawPhysical, benchmark.SplicedRawPhysical),
                ("physical.raw, AFF4 image", benchmark.DropAff4Physical, benchmark.Aff4Physical),
                ("FUSE ceiling, first 8 MiB", benchmark.DropSmallCeiling, benchmark.SmallCeiling),
                ("executable.exe (8 MiB)", benchmark.DropExecutable, benchmark.Executable),
            ];
            var throughput = new double[kinds.Length][];
            for (var k = 0; k < kinds.Length; k++) throughput[k] = new double[rounds];
            for (var round = -1; round < rounds; round++) // round -1 warms every cache but the mount's
            {
                for (var k = 0; k < kinds.Length; k++)
                {
                    kinds[k].Drop();
                    var started = Stopwatch.GetTimestamp();
                    var bytes = kinds[k].Read();
                    if (round >= 0) throughput[k][round] = bytes / Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
            }
            Console.WriteLine($"| file | median GiB/s | range | vs ceiling (median of per-round ratios) |");
            Console.WriteLine("|---|---|---|---|");
            for (var k = 0; k < kinds.Length; k++)
            {
                var ceiling = kinds[k].Name.StartsWith("executable") ? k - 1 : 0; // executable.exe against the ceiling of its size
                var ratios = Enumerable.Range(0, rounds).Select(r => throughput[k][r] / throughput[ceiling][r]).ToArray();
                Console.WriteLine($"| {kinds[k].Name} | {RoundFigures.Median(throughput[k]) / (1 << 30):F2} | {throughput[k].Min() / (1 << 30):F2}–{throughput[k].Max() / (1 << 30):F2} | {RoundFigures.Median(ratios):P0} |");
            }
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}
