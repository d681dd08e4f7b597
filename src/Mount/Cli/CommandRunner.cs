using System.CommandLine;
using System.CommandLine.Parsing;

namespace MemFs.Mount.Cli;

/// <summary>Runs a command body: errors go to stderr as one clear line and a non-zero exit code.</summary>
internal static class CommandRunner
{
    public const int Failure = 1;
    public const int UsageError = 2;

    public static int Run(ParseResult parse, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is UsageException or ArgumentException)
        {
            return UsageErrors.Write(e.Message, parse.CommandResult);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"memfs: error: {NamingEvidence(e.Message, parse.CommandResult)}");
            return Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"memfs: error: {Evidence(parse.CommandResult)}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (this is a bug in memfs: please report it with the command line)");
            return Failure;
        }
    }

    /// <summary>
    /// Bad input is reported naming the evidence file: a message that names only an AFF4 URN, a Windows path, a symbol
    /// search or a path in the tree gets the command's files in front (files only: a tree path such as '/' is also a
    /// directory on this machine, and any message contains it).
    /// </summary>
    private static string NamingEvidence(string message, CommandResult command)
    {
        var files = command.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value)
            .Where(File.Exists).ToList();
        return files.Count == 0 || files.Any(f => message.Contains(f, StringComparison.Ordinal)) ? message : $"{string.Join(", ", files)}: {message}";
    }

    /// <summary>The files the command was given (its arguments, such as IMAGE), for naming the input a bug met.</summary>
    private static string Evidence(CommandResult command)
    {
        var files = command.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).ToList();
        return files.Count == 0 ? command.Command.Name : string.Join(", ", files);
    }
}

/// <summary>The user asked for something that does not fit the input (no such stream, bad number).</summary>
internal sealed class UsageException(string message) : Exception(message);
