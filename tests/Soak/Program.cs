using MemFs.Soak;
using MemFs.Soak.Options;

try
{
    var options = SoakArguments.Parse(args);
    var summary = SoakRun.Run(options, "MemFs.Soak " + string.Join(' ', args), Console.Out);
    summary.Print(Console.Out);
    return summary.Passed ? 0 : 1;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
