using System.Diagnostics;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs mount IMAGE MNT --foreground [options]</c> as a child process whose stderr (the failed requests it logs) the
/// test reads after <see cref="Unmount"/>. Killed and lazily unmounted on dispose if still there.
/// </summary>
internal sealed class ForegroundMount : IDisposable
{
    private readonly Process _server;
    private readonly Task<string> _stderr;
    private readonly Task<string> _stdout;

    public ForegroundMount(string image, string mountPoint, params string[] options)
    {
        FuseRequirement.Require();
        Path = Directory.CreateDirectory(mountPoint).FullName;
        _server = Process.Start(MemFsExecutable.Start(new[] { "mount", image, Path, "--foreground" }.Concat(options)))!;
        _stderr = _server.StandardError.ReadToEndAsync();
        _stdout = _server.StandardOutput.ReadToEndAsync();
        if (!MountTable.WaitUntil(() => MountTable.Find(Path) is not null || _server.HasExited, TimeSpan.FromSeconds(60)) || _server.HasExited)
        {
            Dispose();
            Assert.Fail($"memfs did not mount {Path}: {_stdout.Result}{_stderr.Result}");
        }
    }

    public string Path { get; }

    public bool IsServing => !_server.HasExited && MountTable.Find(Path) is not null;

    /// <summary>Unmounts with fusermount3 and waits for the server to exit; its exit code and stderr.</summary>
    public (int FusermountExit, int ServerExit, string Stderr) Unmount()
    {
        var fusermount = Shell.Run("fusermount3", "-u", Path);
        if (!_server.WaitForExit(TimeSpan.FromSeconds(30))) _server.Kill(entireProcessTree: true);
        _server.WaitForExit();
        return (fusermount.ExitCode, _server.ExitCode, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        _server.WaitForExit(10_000);
        if (MountTable.Find(Path) is not null) Shell.Run("umount", "-l", Path);
        _server.Dispose();
    }
}
