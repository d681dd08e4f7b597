using System.Diagnostics;

namespace MemFs.Benchmarks.Mount;

/// <summary>Runs a program to its end the way a shell would, capturing its output (the tools analysts point at a mount).</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(string program, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Runs and requires exit code 0 (or one of <paramref name="accepted"/>).</summary>
    public static Result Check(string program, IEnumerable<string> arguments, params int[] accepted)
    {
        var list = arguments.ToList();
        var result = Run(program, list);
        if (result.ExitCode != 0 && !accepted.Contains(result.ExitCode))
            throw new InvalidOperationException($"{program} {string.Join(' ', list)} exited with {result.ExitCode}: {result.Stderr.Trim()}");
        return result;
    }
}
