using System.CommandLine;
using System.Text;

namespace MemFs.ManPage;

/// <summary>
/// memfs.1 from the command tree: NAME, SYNOPSIS, DESCRIPTION (the root help), COMMANDS (each command's usage, help
/// text, arguments and options, subcommands nested), OPTIONS of the root. Hidden commands and options are left out.
/// </summary>
internal static class ManPageWriter
{
    public static string Write(RootCommand root, string version)
    {
        var page = new StringBuilder();
        page.AppendLine($".TH MEMFS 1 \"\" \"memfs {Roff.Escape(version)}\" \"User Commands\"");
        page.AppendLine(".SH NAME");
        page.AppendLine("memfs \\- mount a Windows memory image as a read\\-only file system, and inspect memory images");
        page.AppendLine(".SH SYNOPSIS");
        page.AppendLine(".B memfs");
        page.AppendLine("\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]");
        page.AppendLine(".SH DESCRIPTION");
        Preformatted(page, root.Description);
        page.AppendLine(".SH COMMANDS");
        foreach (var command in Visible(root.Subcommands)) Command(page, command, "memfs");
        page.AppendLine(".SH OPTIONS");
        Options(page, root.Options);
        page.AppendLine(".SH SEE ALSO");
        page.AppendLine(".BR fusermount3 (1),");
        page.AppendLine(".BR fuse (8)");
        return page.ToString();
    }

    private static void Command(StringBuilder page, Command command, string parent)
    {
        var name = $"{parent} {command.Name}";
        var usage = string.Join(" ", command.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{Placeholder(a)}]" : Placeholder(a)));
        page.AppendLine($".SS \"{Roff.Escape(name)}{(usage.Length > 0 ? " " + Roff.Escape(usage) : "")}\"");
        Preformatted(page, command.Description);
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        foreach (var argument in arguments)
        {
            page.AppendLine(".TP");
            page.AppendLine($".I {Roff.Escape(Placeholder(argument))}");
            foreach (var line in Roff.Lines(argument.Description ?? "")) page.AppendLine(line);
        }
        Options(page, command.Options);
        foreach (var sub in Visible(command.Subcommands)) Command(page, sub, name);
    }

    private static void Options(StringBuilder page, IEnumerable<Option> options)
    {
        foreach (var option in options.Where(o => !o.Hidden))
        {
            var names = string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)).Select(n => $"\\fB{Roff.Escape(n)}\\fR"));
            var value = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? "" : $" \\fI{Roff.Escape(option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant())}\\fR";
            page.AppendLine(".TP");
            page.AppendLine(names + value);
            foreach (var line in Roff.Lines(option.Description ?? "")) page.AppendLine(line);
        }
    }

    /// <summary>Help text: prose lines filled, indented lines (examples) kept as written, blank lines as paragraph breaks.</summary>
    private static void Preformatted(StringBuilder page, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        page.AppendLine(".PP");
        var verbatim = false;
        foreach (var line in Roff.Lines(text))
        {
            var indented = line.StartsWith(' ');
            if (indented != verbatim) page.AppendLine(indented ? ".nf" : ".fi");
            verbatim = indented;
            page.AppendLine(line.Length == 0 ? ".PP" : line);
        }
        if (verbatim) page.AppendLine(".fi");
    }

    private static string Placeholder(Argument argument) => (argument.HelpName ?? argument.Name).ToUpperInvariant();

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);
}
