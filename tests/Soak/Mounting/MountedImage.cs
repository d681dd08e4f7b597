using System.Diagnostics;

namespace MemFs.Soak.Mounting;

/// <summary>
/// <c>memfs mount IMAGE MNT --foreground [options]</c> as a child process (the memfs.dll beside this assembly), so
/// its id is the serving process's for /proc/PID/status; unmounted with fusermount3, killed if it does not exit.
/// </summary>
internal sealed class MountedImage : IDisposable
{
    private readonly Process _server;
    private readonly Task<string> _stderr;
    private readonly Task<string> _stdout;

    public MountedImage(string image, string mountPoint, params string[] options)
        : this(DotnetMemFs, image, mountPoint, options)
    {
    }

    /// <param name="startMemFs">how to start memfs with the given arguments (the tests can start a published binary instead).</param>
    public MountedImage(Func<IEnumerable<string>, ProcessStartInfo> startMemFs, string image, string mountPoint, params string[] options)
    {
        Path = Directory.CreateDirectory(mountPoint).FullName;
        var start = startMemFs(new[] { "mount", image, Path, "--foreground" }.Concat(options));
        _server = Process.Start(start)!;
        _stderr = _server.StandardError.ReadToEndAsync();
        _stdout = _server.StandardOutput.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!IsMounted && !_server.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(50);
        if (IsMounted && !_server.HasExited) return;
        Dispose();
        throw new InvalidOperationException($"memfs did not mount {Path}: {_stdout.Result}{_stderr.Result}");
    }

    public string Path { get; }

    private static ProcessStartInfo DotnetMemFs(IEnumerable<string> args) => DotnetMemFs(new Dictionary<string, string>())(args);

    /// <summary>Starts the memfs.dll beside this assembly with <paramref name="environment"/> added to the mount's environment.</summary>
    public static Func<IEnumerable<string>, ProcessStartInfo> DotnetMemFs(IReadOnlyDictionary<string, string> environment) => args =>
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args.Prepend(System.IO.Path.Combine(AppContext.BaseDirectory, "memfs.dll"))) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return start;
    };
    public int ProcessId => _server.Id;
    public bool IsServing => !_server.HasExited && IsMounted;

    private bool IsMounted => File.ReadLines("/proc/self/mounts").Any(line => line.Split(' ') is [_, var point, ..] && point == Path);

    /// <summary>Unmounts with fusermount3 and waits for the server; fusermount3's exit code, the server's and everything it wrote to stderr.</summary>
    public (int FusermountExit, int ServerExit, string Stderr) Unmount()
    {
        var fusermount = Run("fusermount3", "-u", Path);
        if (!_server.WaitForExit(TimeSpan.FromSeconds(30))) _server.Kill(entireProcessTree: true);
        _server.WaitForExit();
        return (fusermount, _server.ExitCode, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        _server.WaitForExit(10_000);
        if (IsMounted) Run("umount", "-l", Path);
        _server.Dispose();
    }

    private static int Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { UseShellExecute = false, RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
