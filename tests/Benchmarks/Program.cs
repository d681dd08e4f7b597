using BenchmarkDotNet.Running;
using MemFs.Benchmarks.Mount;

namespace MemFs.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is [WarmReadRounds.Command, ..])
        {
            WarmReadRounds.Run(args.Length > 1 ? int.Parse(args[1]) : 15);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
