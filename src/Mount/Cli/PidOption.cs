using System.CommandLine;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// <c>--pid</c>: a PID (decimal or 0x hex) or an EPROCESS kernel address (0xFFFF8…), found on the active list first,
/// else among the processes the EPROCESS scan placed (terminated or hidden).
/// </summary>
internal static class PidOption
{
    public const string Explanation = "PID, or EPROCESS kernel address (0xFFFF8…); also finds processes only the EPROCESS scan finds (see 'memfs ps --scan')";

    public static Option<string?> Create(string description, bool required = false) => new("--pid")
    {
        Description = $"{description}: {Explanation}",
        HelpName = "PID|EPROCESS",
        Required = required,
    };

    public static ProcessReference? Value(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? ProcessReference.Parse(text, "--pid") : null;
}
