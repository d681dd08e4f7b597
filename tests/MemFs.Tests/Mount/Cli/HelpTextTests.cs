using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>Every command's --help: placeholders say what the value is, and no default is shown twice.</summary>
public class HelpTextTests
{
    private static readonly string[][] Commands =
    [
        ["mount"], ["ls"], ["cat"], ["info"], ["physical", "cat"], ["ps"], ["vads"], ["threads"], ["handles"], ["modules"], ["vtop"], ["vmem", "cat"], ["minidump"],
        ["aff4", "info"], ["aff4", "cat"], ["aff4", "hash"],
    ];

    [TestCaseSource(nameof(Commands))]
    public void PlaceholdersAreNotTheOptionNameAndDefaultsAppearOnce(string[] command)
    {
        var result = MemFsProcess.Run([.. command, "--help"]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        foreach (var line in result.Text.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) || l.TrimStart().StartsWith("-", StringComparison.Ordinal)))
        {
            var option = Regex.Match(line, @"--([a-z0-9-]+) <([^>]+)>");
            if (option.Success) Assert.That(option.Groups[2].Value, Is.Not.EqualTo(option.Groups[1].Value), line);
            Assert.That(Regex.Matches(line, "default", RegexOptions.IgnoreCase), Has.Count.LessThanOrEqualTo(1), line);
        }
    }

    [Test]
    public void PsHelpNamesTheColumnsOfItsTable()
    {
        var help = MemFsProcess.Run("ps", "--help").Text;
        foreach (var column in new[] { "PID", "PPID", "Name", "Created (UTC)", "EPROCESS", "DTB", "command line" })
            Assert.That(help, Does.Contain(column));
        Assert.That(help, Does.Not.Contain("create and exit time, EPROCESS, DTB, PEB"), "exit time and PEB are --json only");
    }
}
