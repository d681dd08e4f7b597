using System.Diagnostics;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// How the CLI tests start <c>memfs</c>: the built memfs.dll under <c>dotnet</c>, or, when MEMFS_EXECUTABLE names a
/// file, that binary (a published single file or NativeAOT build), so packaging can run these tests against what it ships.
/// </summary>
public static class MemFsExecutable
{
    public const string Variable = "MEMFS_EXECUTABLE";

    public static ProcessStartInfo Start(IEnumerable<string> args)
    {
        var published = Environment.GetEnvironmentVariable(Variable);
        var start = new ProcessStartInfo(string.IsNullOrEmpty(published) ? "dotnet" : published)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (string.IsNullOrEmpty(published)) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "memfs.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }
}
