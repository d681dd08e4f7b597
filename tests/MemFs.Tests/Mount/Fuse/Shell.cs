using System.Diagnostics;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>Runs a tool against the mount with a time limit, so a hung request fails the test instead of the run.</summary>
public static class Shell
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    public static Result Run(string program, params string[] arguments) => Run(TimeSpan.FromSeconds(60), program, arguments);

    public static Result Run(TimeSpan timeout, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
