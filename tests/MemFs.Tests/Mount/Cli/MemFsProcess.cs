using System.Diagnostics;

namespace MemFs.Tests.Mount.Cli;

/// <summary>Runs the built <c>memfs</c> command as a separate process, the way a user or script does.</summary>
public static class MemFsProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Stdout);
    }

    public static Result Run(params string[] args)
    {
        using var process = Process.Start(MemFsExecutable.Start(args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
