using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Running;
using MemFs.Fuzz.Seeds;
using MemFs.Tests.Mount.Cli;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// demo.dll's headers damaged in memory (e_lfanew) and its file on disk (--files) unusable too: recovery.txt says
/// why for both, naming the file on disk and its length (the fuzz corpus's unexplained-files recipes).
/// </summary>
public class UnusableDiskHeadersTests
{
    [TestCase("unexplained-files-0-1.recipe", "(0x6000 bytes): 65535 section headers do not fit the header page")]
    [TestCase("unexplained-files-0-2.recipe", "(0x0 bytes): no MZ signature")]
    public void RecoverySaysWhyTheFilesHeadersAreUnusable(string name, string reason)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", name);
        var recipe = RecipeText.Read(File.ReadAllText(path), path);
        var directory = Directory.CreateTempSubdirectory("memfs-disk-headers-").FullName;
        try
        {
            using var runner = new CaseRunner(SeedEvidence.Instance, TimeSpan.FromSeconds(10), 1L << 30);
            var image = Path.Combine(directory, "memory.raw");
            runner.Write(recipe, image);
            var report = MemFsProcess.Run("cat", image, $"/processes/{Demo.DemoLayout.ExplorerPid}-explorer.exe/modules/demo.dll/recovery.txt", "--files", CaseRunner.FilesOf(image));
            Assert.That(report.ExitCode, Is.Zero, report.Stderr);
            Assert.That(report.Text, Does.Contain("cannot be rebuilt: no usable PE headers at 0x7FFB6A200000: in memory e_lfanew 0xFFFFFFF0 outside [0x40, 0x800]; " +
                $@"on disk \Windows\System32\demo.dll {reason}"));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
