using System.CommandLine;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// The skeleton of a command about one process (<c>vads</c>, <c>threads</c>, <c>handles</c>): the image options, a
/// required <c>--pid</c>, a session, the process; the body prints and returns the exit code.
/// </summary>
internal static class ProcessCommand
{
    /// <summary>What a body gets: the open session, its Windows layer, the process and whether --json was given.</summary>
    public sealed record Context(EvidenceSession Session, WindowsSystem System, ProcessInfo Process, bool Json);

    public static Command Create(string name, string description, Func<Context, int> body)
    {
        var options = new SystemOptions();
        var pid = PidOption.Create("the process", required: true);
        var command = new Command(name, description);
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var reference = PidOption.Value(parse, pid)!;
            using var session = options.Open(parse);
            var process = session.Process(reference);
            return body(new Context(session, session.RequireSystem(), process, parse.GetValue(options.Json)));
        }));
        return command;
    }
}
