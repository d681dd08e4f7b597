using MemFs.Tests.Executables;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// --files given but serving none of the loaded images (here: a tree without kernel32.dll, the process's one module)
/// is a warning at mount time and for ls, naming the path looked for and the file source; a tree that holds the
/// module, or no file source at all, gives none.
/// </summary>
[NonParallelizable]
public class MappedFilesWarningTests
{
    private const string Warning = "none of the 1 loaded images";

    private RealPeProcess _pe = null!;
    private string _emptyFiles = "";
    private readonly List<string> _mounts = [];

    [OneTimeSetUp]
    public void Build()
    {
        _pe = new RealPeProcess();
        _emptyFiles = Directory.CreateDirectory(Path.Combine(_pe.Directory, "empty-files", "Windows", "System32")).Parent!.Parent!.FullName;
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        foreach (var mount in _mounts.Where(m => MountTable.Find(m) is not null))
        {
            Shell.Run("fusermount3", "-u", mount);
            MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(10));
        }
        _pe?.Dispose();
    }

    [Test]
    public void LsWithATreeLackingEveryModuleWarnsWithThePathAndTheSource()
    {
        var result = MemFsProcess.Run("ls", _pe.Raw, "--files", _emptyFiles);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain("warning: " + Warning));
        Assert.That(result.Stderr, Does.Contain("C:" + RealPeProcess.KernelPath));
        Assert.That(result.Stderr, Does.Contain("--files " + _emptyFiles));
    }

    [Test]
    public void LsWithATreeHoldingTheModuleOrWithoutFilesDoesNotWarn()
    {
        var withFile = MemFsProcess.Run("ls", _pe.Raw, "--files", _pe.Files);
        Assert.That(withFile.ExitCode, Is.Zero, withFile.Stderr);
        Assert.That(withFile.Stderr, Does.Not.Contain("loaded images"));
        var withoutFiles = MemFsProcess.Run("ls", _pe.Raw);
        Assert.That(withoutFiles.ExitCode, Is.Zero, withoutFiles.Stderr);
        Assert.That(withoutFiles.Stderr, Does.Not.Contain("loaded images"));
    }

    [Test]
    public void MountWithATreeLackingEveryModuleWarns()
    {
        FuseRequirement.Require();
        var result = Mount("lacking", "--files", _emptyFiles);
        Assert.That(result.Stderr, Does.Contain("warning: " + Warning));
        Assert.That(result.Stderr, Does.Contain("C:" + RealPeProcess.KernelPath).And.Contain("--files " + _emptyFiles));
    }

    [Test]
    public void MountWithATreeHoldingTheModuleDoesNotWarn()
    {
        FuseRequirement.Require();
        var result = Mount("holding", "--files", _pe.Files);
        Assert.That(result.Stderr, Does.Contain("in the background"));
        Assert.That(result.Stderr, Does.Not.Contain("loaded images"));
    }

    private MemFsProcess.Result Mount(string name, params string[] options)
    {
        var mount = Directory.CreateDirectory(Path.Combine(_pe.Directory, name)).FullName;
        var result = MemFsProcess.Run(["mount", _pe.Raw, mount, .. options]);
        _mounts.Add(mount);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return result;
    }
}
