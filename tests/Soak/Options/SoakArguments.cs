using System.Globalization;

namespace MemFs.Soak.Options;

/// <summary>Parses <c>--minutes N --seconds N --threads N --cache-size 64M --bulk-pages N --seed N</c>.</summary>
internal static class SoakArguments
{
    public const string Usage =
        "usage: MemFs.Soak [--minutes N | --seconds N] [--threads N] [--cache-size 64M] [--bulk-pages N] [--seed N] [--allowance 160M] [--mount-env NAME=VALUE]...";

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value. {Usage}");
            var value = args[++i];
            options = name switch
            {
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(Number(name, value)) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Number(name, value)) },
                "--threads" => options with { Threads = (int)Math.Clamp(Number(name, value), 1, 256) },
                "--cache-size" => options with { CacheSize = value, CacheBytes = Size(name, value) },
                "--bulk-pages" => options with { BulkPages = (int)Math.Clamp(Number(name, value), 0, 1 << 20) },
                "--seed" => options with { Seed = (int)Number(name, value) },
                "--allowance" => options with { Allowance = Size(name, value) },
                "--mount-env" => options with { MountEnvironment = With(options.MountEnvironment, name, value) },
                _ => throw new ArgumentException($"unknown option {name}. {Usage}"),
            };
        }
        return options;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string name, string value) =>
        value.Split('=', 2) is [{ Length: > 0 } key, var setting]
            ? new Dictionary<string, string>(environment) { [key] = setting }
            : throw new ArgumentException($"{name} {value}: not NAME=VALUE");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} {value}: not a non-negative number");

    /// <summary>A byte count with an optional K, M or G suffix (powers of 1024), as memfs's --cache-size.</summary>
    private static long Size(string name, string value)
    {
        var shift = char.ToUpperInvariant(value[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        var digits = shift == 0 ? value : value[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= (1L << 40) >> shift
            ? n << shift
            : throw new ArgumentException($"{name} {value}: not a size (e.g. 64M)");
    }
}
