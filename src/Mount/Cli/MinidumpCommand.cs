using System.CommandLine;
using MemFs.Vfs.Minidump;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs minidump</c>: a process's minidump.dmp written to a file without mounting (the bytes a mount serves).</summary>
internal static class MinidumpCommand
{
    private const int Chunk = 1 << 20;

    public static Command Create()
    {
        var command = new Command("minidump", "Write a process's user-mode full-memory minidump (the tree's processes/<pid>-<name>/minidump.dmp) to a file: " +
            "modules, memory regions and every page that holds bytes; holes are left out. It loads in lldb.\n\n" +
            "Examples:\n" +
            "  memfs minidump memory.aff4 --pid 4312 -o explorer.dmp\n" +
            "  lldb -c explorer.dmp -o 'image list'");
        var options = new TreeOptions();
        var pid = PidOption.Create("the process to dump", required: true);
        var output = new Option<FileInfo>("--output", "-o") { Description = "the dump file to write", HelpName = "FILE", Required = true };
        options.AddTo(command);
        command.Add(pid);
        command.Add(output);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var session = options.Open(parse, "dump");
            var process = session.Process(PidOption.Value(parse, pid)!);
            var file = new MinidumpFile(new ProcessView(session.RequireSystem(), process, session.Options.Holes), KernelThreads.Instance, session.Cache);
            var length = file.Length;
            var target = parse.GetValue(output)!.FullName;
            ProgressReporter.Run($"minidump of {process.Pid} {process.Name}", length, progress =>
            {
                using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                var buffer = new byte[Chunk];
                for (long at = 0; at < length; at += Chunk)
                {
                    var n = file.Read(at, buffer);
                    stream.Write(buffer, 0, n);
                    progress.Report(at + n);
                }
                return 0;
            }, onlyWhenSlow: true);
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        return command;
    }
}
