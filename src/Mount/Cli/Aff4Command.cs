using System.CommandLine;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs aff4</c>: commands that work on AFF4 volumes as containers.</summary>
internal static class Aff4Command
{
    public static Command Create()
    {
        var command = new Command("aff4", "Inspect AFF4 volumes: list their streams, read bytes, hash and verify.\n" +
            "Several volumes of one image (striped or split) can be given together.");
        command.Add(Aff4InfoCommand.Create());
        command.Add(Aff4CatCommand.Create());
        command.Add(Aff4HashCommand.Create());
        return command;
    }

    /// <summary>The IMAGE... argument shared by the aff4 commands.</summary>
    public static Argument<string[]> VolumesArgument() => new("IMAGE")
    {
        Description = "AFF4 volume file(s), opened read-only; give every volume of a multi-volume image",
        Arity = ArgumentArity.OneOrMore,
    };
}
