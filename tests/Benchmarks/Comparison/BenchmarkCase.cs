using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace MemFs.Benchmarks.Comparison;

/// <summary>
/// One benchmark class of a build (this one or another, <see cref="BuildContext"/>) run under a stopwatch the way
/// BenchmarkDotNet runs it: its [Params] set, [GlobalSetup] once, then per method <see cref="WarmUps"/> warm-up and
/// <c>iterations</c> measured calls, each after [IterationSetup] and followed by [IterationCleanup]; [GlobalCleanup] at
/// the end. Prints one line per method: median, min, max and every measured call in ms, then the median CPU time of a
/// call (all of the process's threads: on a loaded machine less noisy than the wall clock for work bound by the CPU)
/// and the median bytes a call allocated (all threads, as BenchmarkDotNet's memory diagnoser counts them). For A/B runs of two commits
/// (the two builds in turn, several rounds): <c>dotnet run -c Release --project tests/Benchmarks -- run-case
/// OTHER/MemFs.Benchmarks.dll CLASS ITERATIONS Name=value,…|- METHOD…</c>.
/// </summary>
internal static class BenchmarkCase
{
    public const string Command = "run-case";

    /// <summary>
    /// BenchmarkDotNet's least number of warm-up iterations. With one warm-up, a change that adds methods to the read
    /// path was measured partly in tier-0 and instrumented code (tiered compilation promotes a method to optimized code
    /// only after 30 calls and a quiet 100 ms), so it looked 1.3× slower than the same code fully optimized.
    /// </summary>
    private const int WarmUps = 6;

    public static void Run(string benchmarksDll, string className, int iterations, string parameters, IReadOnlyList<string> methods)
    {
        // This build's own benchmarks too are loaded apart: run from the default context, the same code measured
        // differently (a direct file read 20% faster, the translated read 35% slower) and A/B runs were not like for like.
        var assembly = new BuildContext(Path.GetFullPath(benchmarksDll)).Benchmarks;
        var type = assembly.GetTypes().SingleOrDefault(t => t.Name == className)
            ?? throw new ArgumentException($"{benchmarksDll} has no benchmark class {className}");
        var translate = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly)!.LoadFromAssemblyName(new AssemblyName("MemFs.Translate"));
        Console.Error.WriteLine($"{className} from {assembly.Location}, MemFs.Translate from {translate.Location}");
        var benchmark = Activator.CreateInstance(type)!;
        foreach (var assignment in parameters == "-" ? [] : parameters.Split(','))
        {
            var (name, value) = assignment.Split('=') is [var n, var v] ? (n, v) : throw new ArgumentException($"{assignment}: not Name=value");
            var property = type.GetProperty(name) ?? throw new ArgumentException($"{className} has no parameter {name}");
            property.SetValue(benchmark, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }
        Call(type, benchmark, "GlobalSetupAttribute");
        try
        {
            foreach (var name in methods)
            {
                var method = type.GetMethod(name, Type.EmptyTypes) ?? throw new ArgumentException($"{className} has no method {name}");
                var ms = new double[iterations];
                var cpu = new double[iterations];
                var allocated = new double[iterations];
                using var process = Process.GetCurrentProcess();
                for (var i = -WarmUps; i < iterations; i++)
                {
                    Call(type, benchmark, "IterationSetupAttribute", name);
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var started = Stopwatch.GetTimestamp();
                    method.Invoke(benchmark, null);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    process.Refresh();
                    var used = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                    Call(type, benchmark, "IterationCleanupAttribute", name);
                    if (i >= 0) (ms[i], cpu[i], allocated[i]) = (elapsed, used, bytes);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RESULT\t{className}\t{parameters}\t{name}\t{RoundFigures.Median(ms):F1}\t{ms.Min():F1}\t{ms.Max():F1}\t{string.Join(' ', ms.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}\tcpu {RoundFigures.Median(cpu):F1}\talloc {RoundFigures.Median(allocated) / 1024:F0} KiB"));
            }
        }
        finally
        {
            Call(type, benchmark, "GlobalCleanupAttribute");
        }
    }

    /// <summary>
    /// Calls the class's methods marked with the BenchmarkDotNet attribute of that name (matched by name: the other build
    /// has its own copy) whose Target or Targets name <paramref name="benchmark"/>'s method <paramref name="target"/>, or name none.
    /// </summary>
    private static void Call(Type type, object benchmark, string attribute, string? target = null)
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttributesData().Any(a => a.AttributeType.Name == attribute && AppliesTo(a, target))))
            method.Invoke(benchmark, null);
    }

    private static bool AppliesTo(CustomAttributeData attribute, string? target)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == "Target" && argument.TypedValue.Value is string one) return one == target;
            if (argument.MemberName == "Targets" && argument.TypedValue.Value is IReadOnlyCollection<CustomAttributeTypedArgument> many)
                return many.Any(t => (string?)t.Value == target);
        }
        return true;
    }
}
