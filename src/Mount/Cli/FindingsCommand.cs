using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Vfs.Findings;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs findings</c>: the lines of /findings.txt (or a process's findings.txt) without mounting.</summary>
internal static class FindingsCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var pid = PidOption.Create("only this process", required: false);
        var command = new Command("findings", "List what deserves a look, one line each: kind, PID and process, virtual range, module or " +
            "file, why it is a finding and the file of the mounted tree to open next. Kinds: executable memory no image backs " +
            "(protection, PE header, readable pages), image VADs no PEB loader list names, loader entries with no image VAD, modules " +
            "unlinked from some of the three loader lists (--json gives each loader finding's list membership), " +
            "processes only the EPROCESS scan finds, code patched in memory. Runs the EPROCESS scan (progress on stderr when slow).\n\n" +
            "Examples:\n" +
            "  memfs findings memory.aff4\n" +
            "  memfs findings memory.raw --pid 1234 --json");
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var session = options.Open(parse);
            var system = session.RequireSystem();
            ProgressReporter.Run("scanning physical memory for EPROCESS objects", session.Image.BackedBytes, session.ScannedProcessesReporting, onlyWhenSlow: true);
            var (linked, unlinked) = FindingsReport.Views(system, session.Options.Holes);
            var subjects = FindingsReport.Subjects(linked, unlinked, session.Cache);
            if (PidOption.Value(parse, pid) is { } reference)
            {
                var process = session.Process(reference);
                subjects = subjects.Where(s => s.View.Process.Eprocess == process.Eprocess);
            }
            var findings = FindingsReport.Find(subjects);
            if (parse.GetValue(options.Json))
                Console.WriteLine(CliJson.Serialize(findings.Select(f => new FindingRow(f.Kind, f.Pid, f.Process, Hex.Of(f.Start), Hex.Of(f.End), f.Module, f.Why, f.Next, LoaderListsRow.Of(f.Lists))).ToList()));
            else Console.Write(FindingsReport.Render("every process", findings));
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        return command;
    }
}
