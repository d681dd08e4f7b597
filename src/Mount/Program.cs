using MemFs.Mount.Cli;

namespace MemFs.Mount;

internal static class Program
{
    public static int Main(string[] args)
    {
        var parse = MemFsCommand.Create().Parse(args);
        return UsageErrors.Failed(parse) ? UsageErrors.Report(parse) : parse.Invoke();
    }
}
