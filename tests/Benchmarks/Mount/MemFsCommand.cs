namespace MemFs.Benchmarks.Mount;

/// <summary>
/// The memfs the benchmarks start: the build output's memfs.dll under <c>dotnet</c> (framework-dependent), or the binary
/// MEMFS_EXECUTABLE names (the NativeAOT build of packaging/build.sh), as the CLI tests choose.
/// </summary>
internal static class MemFsCommand
{
    private static readonly string? Published = Environment.GetEnvironmentVariable("MEMFS_EXECUTABLE") is { Length: > 0 } path ? path : null;

    private static string Dll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "memfs.dll");
            if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new InvalidOperationException($"{dll} (and its runtimeconfig.json) should be in the benchmark's output: the project references src/Mount");
            return dll;
        }
    }

    /// <summary>Which build runs, for the benchmark's log.</summary>
    public static string Which => Published is { } p ? $"{p} (MEMFS_EXECUTABLE)" : $"dotnet {Dll} (framework-dependent)";

    /// <summary>Runs memfs with <paramref name="arguments"/> to its end; a failure throws with its stderr.</summary>
    public static ChildProcess.Result Check(params string[] arguments) =>
        Published is { } p ? ChildProcess.Check(p, arguments) : ChildProcess.Check("dotnet", [Dll, .. arguments]);

    /// <summary>The program and arguments that start memfs with <paramref name="arguments"/>, for a process the caller manages.</summary>
    public static System.Diagnostics.ProcessStartInfo Start(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Published ?? "dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        if (Published is null) start.ArgumentList.Add(Dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }
}
