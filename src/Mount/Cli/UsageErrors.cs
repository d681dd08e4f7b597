using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace MemFs.Mount.Cli;

/// <summary>
/// Reports a command line the parser rejects (unknown command, missing option, a value of the wrong type) the way
/// every usage error is reported: one line naming the problem, where to read the command's help, exit code 2.
/// </summary>
internal static class UsageErrors
{
    /// <summary>True when <paramref name="parse"/> would run System.CommandLine's own error action (help dump, exit 1).</summary>
    public static bool Failed(ParseResult parse) => parse.Errors.Count > 0 && parse.Action is ParseErrorAction;

    public static int Report(ParseResult parse)
    {
        // "Required command was not provided" also accompanies an unknown command; the unknown one is the problem.
        var error = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parse.Errors[0];
        return Write(Describe(error), parse.CommandResult);
    }

    /// <summary>Writes the usage error and returns <see cref="CommandRunner.UsageError"/>.</summary>
    public static int Write(string problem, CommandResult command)
    {
        Console.Error.WriteLine($"memfs: {problem}");
        Console.Error.WriteLine($"see '{CommandPath(command)} --help'");
        return CommandRunner.UsageError;
    }

    private static string Describe(ParseError error)
    {
        if (error.SymbolResult is OptionResult option && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
            return $"{option.Option.Name} '{string.Join(" ", option.Tokens.Select(t => t.Value))}': {Expected(option.Option.ValueType)}";
        if (error.SymbolResult is ArgumentResult argument && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
            return $"{argument.Argument.Name} '{string.Join(" ", argument.Tokens.Select(t => t.Value))}': {Expected(argument.Argument.ValueType)}";
        var message = error.Message.TrimEnd('.');
        return message.Length == 0 ? "bad command line" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(uint) => "not a whole number from 0 to 4294967295",
        var t when t == typeof(int) => "not a whole number",
        var t when t == typeof(long) => "not a whole number",
        var t when t == typeof(bool) => "not true or false",
        _ => "not a valid value",
    };

    /// <summary>"memfs vmem cat": the root is always called memfs, whatever the executable's file name.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent)
            if (c.Parent is not null) names.Add(c.Command.Name);
        names.Add("memfs");
        names.Reverse();
        return string.Join(" ", names);
    }
}
