using MemFs.Mount.Cli;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>Progress on a redirected stderr: plain lines; work that is usually quick (ps --scan) stays silent when it is.</summary>
[NonParallelizable]
public class ProgressReporterTests
{
    [TestCase(false, true)]
    [TestCase(true, false)]
    public void QuickWorkPrintsItsLastLineUnlessOnlySlowWorkIsReported(bool onlyWhenSlow, bool expectLine)
    {
        Assume.That(Console.IsErrorRedirected, "the plain-line path is the one for a redirected stderr");
        var saved = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var result = ProgressReporter.Run("scanning", 300, progress =>
            {
                for (var done = 0L; done <= 300; done += 100) progress.Report(done);
                return 42;
            }, onlyWhenSlow);
            Assert.That(result, Is.EqualTo(42));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.That(captured.ToString(), expectLine ? Does.Contain("scanning: 300 of 300 bytes (100%)") : Is.Empty);
    }
}
