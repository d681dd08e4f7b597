using System.CommandLine;

namespace MemFs.Mount.Cli;

/// <summary>
/// The value placeholders help shows (<c>--pagefile [N=]FILE</c>, not <c>--pagefile &lt;pagefile&gt;</c>): one table
/// for every command, so an option reads the same wherever it appears.
/// </summary>
internal static class HelpNames
{
    private static readonly Dictionary<string, string> ByOption = new()
    {
        ["--pagefile"] = "[N=]FILE",
        ["--files"] = "DIR",
        ["--disk"] = "IMG",
        ["--symbols"] = "PATH",
        ["--build"] = "BUILD",
        ["--cache-size"] = "SIZE",
        ["--threads"] = "N",
        ["--dtb"] = "ADDR",
        ["--pte-layout"] = "win7|win10|24h2",
        ["--invalid-pte-mask"] = "MASK",
        ["--offset"] = "N",
        ["--length"] = "N",
        ["--stream"] = "URN",
        ["--category"] = "CATEGORY",
        ["--file"] = "WINDOWS_PATH",
    };

    /// <summary>Gives every option of <paramref name="command"/> and its subcommands without a placeholder the table's.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
            if (option.HelpName is null && ByOption.TryGetValue(option.Name, out var name))
                option.HelpName = name;
        foreach (var sub in command.Subcommands) Apply(sub);
    }
}
