using System.Diagnostics;
using MemFs.Mount.Fuse;

namespace MemFs.Mount.Cli;

/// <summary>
/// <c>memfs mount</c> without <c>--foreground</c>: starts the same command with <c>--foreground</c> in a new session
/// (so closing the terminal does not end it) and returns once the mount is in the kernel's mount table, or with the
/// child's exit code when it fails first. The child's stderr is relayed until then; afterwards the child has no terminal
/// (stdio pipes closed, so '$(memfs mount …)' and pipes do not wait for it), and per-read errors need --foreground.
/// .NET cannot fork.
/// </summary>
internal static class BackgroundMount
{
    private static readonly TimeSpan OpenLimit = TimeSpan.FromMinutes(10);

    public static int Start(string mountPoint)
    {
        var target = Path.GetFullPath(mountPoint).TrimEnd('/');
        MountPointCheck.RefuseLiveMount(target);
        var earlier = MountInfo.Find(target)?.Id;
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        if (start.FileName == "/usr/bin/setsid") start.ArgumentList.Add(Environment.ProcessPath!);
        var arguments = Environment.GetCommandLineArgs();
        // Under 'dotnet memfs.dll' the first argument is the assembly; under the apphost it is the host itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(arguments[0]);
        foreach (var argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--foreground");
        using var child = Process.Start(start) ?? throw new IOException("cannot start the background mount process");
        child.StandardInput.Close();
        child.ErrorDataReceived += (_, line) => { if (line.Data is { } text) Console.Error.WriteLine(text); };
        child.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < OpenLimit)
        {
            if (MountInfo.Find(target) is { IsFuse: true } mount && mount.Id != earlier)
            {
                child.CancelErrorRead();
                Console.Error.WriteLine($"memfs: serving {target} in the background (pid {child.Id})");
                return 0;
            }
            if (child.WaitForExit(10))
            {
                child.WaitForExit(); // flushes the relayed stderr
                return child.ExitCode == 0 ? CommandRunner.Failure : child.ExitCode;
            }
        }
        throw new IOException($"{target} was not mounted within {OpenLimit.TotalMinutes} minutes (pid {child.Id} is still opening the image)");
    }
}
