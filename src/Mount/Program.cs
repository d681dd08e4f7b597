using MemFs.Mount.Cli;

namespace MemFs.Mount;

internal static class Program
{
    public static int Main(string[] args) => MemFsCommand.Create().Parse(args).Invoke();
}
