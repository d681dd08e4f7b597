using System.Diagnostics;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// The test tree served by a separate <c>memfs</c> process (the built memfs.dll with this assembly as its startup hook,
/// see <see cref="StartupHook"/>), so a test can send it signals or kill -9 it.
/// </summary>
public sealed class ChildMount : IDisposable
{
    public const string Variable = "MEMFS_TEST_FUSE_MOUNT";
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ChildMount(string path)
    {
        Path = path;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "memfs.dll"));
        start.ArgumentList.Add("--version");
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(ChildMount).Assembly.Location;
        start.Environment[Variable] = path;
        Process = Process.Start(start)!;
        _stdout = Process.StandardOutput.ReadToEndAsync();
        _stderr = Process.StandardError.ReadToEndAsync();
    }

    public string Path { get; }

    public Process Process { get; }

    public string Output => Process.HasExited ? _stdout.Result + _stderr.Result : "(running)";

    public static ChildMount Start()
    {
        FuseRequirement.Require();
        var child = new ChildMount(Directory.CreateTempSubdirectory("memfs-fuse-child-").FullName);
        if (!MountTable.WaitUntil(() => MountTable.Find(child.Path) is not null || child.Process.HasExited, TimeSpan.FromSeconds(60))
            || child.Process.HasExited)
        {
            child.Dispose();
            Assert.Fail($"the child did not mount {child.Path}: {child.Output}");
        }
        return child;
    }

    public void Signal(string name) => Shell.Run("kill", $"-{name}", Process.Id.ToString());

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill();
        Process.WaitForExit(10_000);
        if (MountTable.Find(Path) is not null) Shell.Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
        }
        Process.Dispose();
    }
}
