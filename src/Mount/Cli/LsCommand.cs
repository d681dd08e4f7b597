using System.CommandLine;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs ls</c>: the mounted tree listed without mounting (same producers, same names).</summary>
internal static class LsCommand
{
    public static Command Create()
    {
        var command = new Command("ls", "List a directory of the MemFs tree without mounting: directories end in '/'; " +
            "with -l, each line shows size, backed bytes (sparse files) and name.\n\n" +
            "Examples:\n" +
            "  memfs ls memory.aff4\n" +
            "  memfs ls memory.aff4 /processes -l");
        var options = new TreeOptions();
        var path = new Argument<string>("PATH") { Description = "path inside the tree (default /)", DefaultValueFactory = _ => "/" };
        var longFormat = new Option<bool>("-l", "--long") { Description = "sizes and backed bytes" };
        options.AddTo(command);
        command.Add(path);
        command.Add(longFormat);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var session = options.Open(parse, "lists");
            var target = parse.GetValue(path)!;
            var node = session.Tree.Lookup(target) ?? throw new FileNotFoundException(TreeOptions.NotInTree(target, "file or directory"));
            var entries = node is VfsDirectory directory ? directory.Children : [node];
            foreach (var entry in entries)
                Console.Out.WriteLine(parse.GetValue(longFormat) ? LongLine(entry) : ShortName(entry));
            DiagnosticsOutput.WarnTree(session);
            DiagnosticsOutput.WarnMappedFiles(session);
            return 0;
        }));
        return command;
    }

    private static string ShortName(VfsNode node) => node is VfsDirectory ? node.Name + "/" : node.Name;

    private static string LongLine(VfsNode node) => node switch
    {
        VfsFile file => $"{file.Length,20} {file.AllocatedBytes,20}  {file.Name}",
        _ => $"{"-",20} {"-",20}  {node.Name}/",
    };
}
