using System.CommandLine;
using MemFs.Mount.Memory;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs mount</c>: serves the MemFs tree of an image at a mount point until Ctrl-C or unmount.</summary>
internal static class MountCommand
{
    public static Command Create()
    {
        var command = new Command("mount", "Mount a memory image read-only: one directory per process with its virtual memory (vmem), " +
            "VAD regions, vadmap.txt and vtop traces; the image itself under image/. Returns once mounted and serves in the " +
            "background until 'fusermount3 -u MOUNTPOINT'; with --foreground, serves until Ctrl-C or SIGTERM. The mount goes away " +
            "when the serving process ends, however it ends.\n\n" +
            "Examples:\n" +
            "  memfs mount memory.aff4 /mnt/memory\n" +
            "  memfs mount memory.raw /mnt/memory --pagefile pagefile.sys --symbols srv*/data/symbols --cache-size 2G\n" +
            "  grep -rl --binary-files=text 'password=' /mnt/memory/processes/*/regions");
        var options = new TreeOptions();
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "Linux: an existing empty directory; Windows: a free drive letter (M:), * for the next free one, or a directory that does not exist yet" };
        var allowOther = new Option<bool>("--allow-other") { Description = "let other users read the mount (needs user_allow_other in /etc/fuse.conf unless root)" };
        var foreground = new Option<bool>("--foreground", "-f") { Description = "serve in this process until Ctrl-C, SIGTERM or unmount (progress and errors stay on this terminal)" };
        var threads = new Option<uint>("--threads") { Description = "FUSE worker threads", DefaultValueFactory = _ => 16 };
        options.AddTo(command);
        command.Add(mountPoint);
        command.Add(allowOther);
        command.Add(threads);
        command.Add(foreground);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) throw new UsageException("mounting needs FUSE (Linux) or WinFsp (Windows) — use 'memfs ls' and 'memfs cat'");
            var target = parse.GetValue(mountPoint)!;
            if (!parse.GetValue(foreground) && OperatingSystem.IsLinux()) return BackgroundMount.Start(target); // Windows serves in place
            Console.Error.WriteLine($"memfs: opening {parse.GetValue(options.System.Image)} …");
            using var session = options.Open(parse, "mounts");
            var summary = session.System is { } system
                ? $"{system.Processes.Count} processes"
                : $"no processes ({session.SystemFailure})";
            DiagnosticsOutput.WarnTree(session);
            DiagnosticsOutput.WarnMappedFiles(session);
            if (GcHeapLimit.Apply(session.Options.CacheBytes) is { } heapLimit)
                Console.Error.WriteLine($"memfs: heap limited to {heapLimit >> 20} MiB (--cache-size {session.Options.CacheBytes >> 20} MiB + {GcHeapLimit.Allowance >> 20} MiB)");
            var host = MountHostFactory.Create(Math.Max(1, parse.GetValue(threads)),
                path => Console.Error.WriteLine($"memfs: mounted at {path}: {summary}; {MountHostFactory.UnmountHint(path)}"));
            host.Run(session.Tree, target, new MountOptions(AllowOther: parse.GetValue(allowOther)), CancellationToken.None);
            Console.Error.WriteLine("memfs: unmounted");
            return 0;
        }));
        return command;
    }
}
