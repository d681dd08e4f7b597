using System.CommandLine;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs cat</c>: one file of the MemFs tree to stdout without mounting.</summary>
internal static class TreeCatCommand
{
    public static Command Create()
    {
        var command = new Command("cat", "Write a file of the MemFs tree to stdout without mounting (the bytes a mount would serve).\n\n" +
            "Examples:\n" +
            "  memfs cat memory.aff4 /processes/4-System/vadmap.txt\n" +
            "  memfs cat memory.aff4 /processes/1234-notepad.exe/vmem --offset 0x7FF6A1230000 --length 4K | xxd");
        var options = new TreeOptions();
        var path = new Argument<string>("PATH") { Description = "file inside the tree" };
        var offset = new Option<string?>("--offset") { Description = "first byte (0x hex or decimal; default 0)" };
        var length = new Option<string?>("--length") { Description = "number of bytes (K/M/G suffixes; default: to the end of the file, which must then be under 1 TiB)" };
        options.AddTo(command);
        command.Add(path);
        command.Add(offset);
        command.Add(length);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var session = options.Open(parse, "reads");
            var target = parse.GetValue(path)!;
            var file = session.Tree.Lookup(target) as VfsFile ?? throw new FileNotFoundException(TreeOptions.NotInTree(target, "file"));
            var start = parse.GetValue(offset) is { } o ? unchecked((long)NumberParser.ParseAddress(o, "--offset")) : 0;
            if (start < 0 || start > file.Length) throw new UsageException($"--offset 0x{start:X} is beyond the end of {target} (0x{file.Length:X} bytes)");
            var count = parse.GetValue(length) is { } l ? Math.Min(NumberParser.Parse(l, "--length"), file.Length - start) : file.Length - start;
            if (parse.GetValue(length) is null && count > WholeFileLimit)
                throw new UsageException($"{target} is 0x{file.Length:X} bytes (an address space, mostly holes): give --length (and --offset) to read part of it");
            StdoutCopy.Run(start, count, (position, destination) =>
            {
                var read = file.Read(position, destination);
                if (read != destination.Length) throw new IOException($"{target}: short read at 0x{position:X}");
            });
            DiagnosticsOutput.WarnTree(session);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Whole-file cat stops here: the tree's files past 1 TiB are address spaces (a process's vmem spans 128 TiB), no
    /// memory image of a real machine reaches it in one file the tree serves, and streaming one would run for days.
    /// </summary>
    public const long WholeFileLimit = 1L << 40;
}
