using System.CommandLine;

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
            Console.Error.WriteLine($"memfs: error: {e.Message}");
            return Failure;
        }
    }
}

/// <summary>The user asked for something that does not fit the input (no such stream, bad number).</summary>
internal sealed class UsageException(string message) : Exception(message);
