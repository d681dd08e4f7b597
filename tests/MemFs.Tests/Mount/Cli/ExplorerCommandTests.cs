using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>A per-process command (<c>threads</c>, <c>handles</c>) run on explorer.exe of one synthetic Windows 10 image built for the fixture.</summary>
public abstract class ExplorerCommandTests
{
    private protected SyntheticWindowsRaw Image { get; private set; } = null!;

    [OneTimeSetUp]
    public void Build() => Image = new SyntheticWindowsRaw();

    [OneTimeTearDown]
    public void Remove() => Image.Dispose();

    /// <summary><c>memfs COMMAND IMAGE --pid EXPLORER [options]</c>.</summary>
    private protected MemFsProcess.Result RunOnExplorer(string command, params string[] options) =>
        MemFsProcess.Run([command, Image.Raw, "--pid", Image.Explorer.Pid.ToString(), .. options]);
}
