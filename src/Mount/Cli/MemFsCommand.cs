using System.CommandLine;
using MemFs.Mount.Cli.Provenance;

namespace MemFs.Mount.Cli;

/// <summary>The root <c>memfs</c> command and its command tree.</summary>
internal static class MemFsCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "MemFs: mount a Windows memory image as a read-only file system, and inspect memory images.\n\n" +
            "Examples:\n" +
            "  memfs mount memory.aff4 /mnt/memory\n" +
            "  memfs ls memory.aff4 /processes\n" +
            "  memfs info memory.dmp\n" +
            "  memfs physical cat memory.raw --offset 0x1000 --length 4096 | xxd\n" +
            "  memfs ps memory.aff4 --tree\n" +
            "  memfs vtop memory.aff4 --pid 1234 0x7FF6A1230000\n" +
            "  memfs aff4 info memory.aff4\n" +
            "  memfs aff4 cat memory.aff4 --offset 0x1000 --length 4096 | xxd\n" +
            "  memfs aff4 hash memory.aff4 --verify");
        root.Add(MountCommand.Create());
        root.Add(LsCommand.Create());
        root.Add(TreeCatCommand.Create());
        root.Add(InfoCommand.Create());
        root.Add(PhysicalCommand.Create());
        root.Add(PsCommand.Create());
        root.Add(VadsCommand.Create());
        root.Add(ThreadsCommand.Create());
        root.Add(HandlesCommand.Create());
        root.Add(FindingsCommand.Create());
        root.Add(ModulesCommand.Create());
        root.Add(VtopCommand.Create());
        root.Add(VmemCommand.Create());
        root.Add(MinidumpCommand.Create());
        root.Add(Aff4Command.Create());
        HelpNames.Apply(root);
        VersionAction.Apply(root);
        return root;
    }
}
