using System.CommandLine;
using MemFs.Aff4;
using MemFs.Mount.Cli.Json;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs aff4 info</c>: every volume and object of an AFF4 image, and what it holds of memory.</summary>
internal static class Aff4InfoCommand
{
    public static Command Create()
    {
        var volumes = Aff4Command.VolumesArgument();
        var turtle = new Option<bool>("--turtle") { Description = "print each volume's raw information.turtle instead of the summary" };
        var json = new Option<bool>("--json") { Description = "machine-readable output: the same facts as one object (schema in the README, \"JSON output\")" };
        var command = new Command("info", "List every volume and object: URN, types, category, size, chunking, compression, " +
            "original file name and stored hashes; for memory images also the physical memory runs, CR3, kernel base, pagefiles " +
            "and acquired files.\n\n" +
            "Examples:\n" +
            "  memfs aff4 info memory.aff4\n" +
            "  memfs aff4 info stripe1.aff4 stripe2.aff4\n" +
            "  memfs aff4 info memory.aff4 --turtle\n" +
            "  memfs aff4 info memory.aff4 --json");
        command.Add(volumes);
        command.Add(turtle);
        command.Add(json);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var image = Aff4Image.Open(parse.GetValue(volumes)!);
            if (parse.GetValue(turtle))
            {
                foreach (var v in image.Volumes.Volumes)
                {
                    Console.WriteLine($"# {v.Zip.FilePath}");
                    Console.WriteLine(v.Turtle ?? "# (no information.turtle)");
                }
                return 0;
            }
            if (parse.GetValue(json)) Console.WriteLine(CliJson.Serialize(Aff4InfoJsonBuilder.Build(image)));
            else new Aff4InfoReport(image, Console.Out).Write();
            return 0;
        }));
        return command;
    }
}
