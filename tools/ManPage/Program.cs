using MemFs.ManPage;
using MemFs.Mount.Cli;
using MemFs.Mount.Cli.Provenance;

// Writes memfs.1 (roff, man(7) macros) from the memfs command tree: packaging/build.sh puts it in the .deb.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: MemFs.ManPage OUTPUT.1");
    return 2;
}
File.WriteAllText(args[0], ManPageWriter.Write(MemFsCommand.Create(), BuildInfo.Current.Version));
return 0;
