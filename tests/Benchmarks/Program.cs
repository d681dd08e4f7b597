using BenchmarkDotNet.Running;
using MemFs.Benchmarks.Mount;

namespace MemFs.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs the benchmarks; <c>write-peer-image PATH</c> only writes the raw image of the MemProcFS comparison
    /// (<see cref="Mount.Peer.PeerImage"/>), to run both tools on it by hand; <c>peer-comparison [SAMPLES]</c> runs
    /// <see cref="Mount.Peer.PeerComparison"/> (memfs next to MemProcFS on that image); <c>warm-rounds [ROUNDS]</c> runs
    /// <see cref="Mount.WarmReadRounds"/>; <c>scattered-rounds [ROUNDS]</c> runs <see cref="Translate.ScatteredReadRounds"/>;
    /// <c>run-case DLL CLASS ITERATIONS PARAMS METHOD…</c> runs one benchmark class of this or another build under a
    /// stopwatch (<see cref="Comparison.BenchmarkCase"/>).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["write-peer-image", var path])
        {
            var image = new Mount.Peer.PeerImage(Path.GetFullPath(path));
            Console.WriteLine($"{image.Path}: {image.ProcessDirectories.Count} processes; /processes/{Mount.Peer.PeerImage.MemFsProcessDirectory} has {image.Regions.Count} regions, {image.ScannedRegionBytes:N0} bytes, {image.Needles} needles");
            return;
        }
        if (args is ["peer-comparison", .. var rest])
        {
            Environment.Exit(new Mount.Peer.PeerComparison(rest is [var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 7).Run());
        }
        if (args is [WarmReadRounds.Command, ..])
        {
            WarmReadRounds.Run(args.Length > 1 ? int.Parse(args[1]) : 15);
            return;
        }
        if (args is [Comparison.BenchmarkCase.Command, var dll, var className, var iterations, var parameters, .. var methods])
        {
            Comparison.BenchmarkCase.Run(dll, className, int.Parse(iterations, System.Globalization.CultureInfo.InvariantCulture), parameters, methods);
            return;
        }
        if (args is [Translate.ScatteredReadRounds.Command, ..])
        {
            Translate.ScatteredReadRounds.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
