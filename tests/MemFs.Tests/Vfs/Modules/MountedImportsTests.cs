using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Modules;

/// <summary>The module tables of the IAT-hook process through a real mount: listed at size 0 until read, then the hook flagged by grep.</summary>
[NonParallelizable]
public class MountedImportsTests
{
    private HookedIatProcess _process = null!;
    private string _mount = "";

    [OneTimeSetUp]
    public void MountIt()
    {
        FuseRequirement.Require();
        _process = new HookedIatProcess();
        _mount = Directory.CreateDirectory(Path.Combine(_process.Directory, "mnt")).FullName;
        var result = MemFsProcess.Run(["mount", _process.Raw, _mount]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        if (_mount != "" && MountTable.Find(_mount) is not null)
        {
            Shell.Run("fusermount3", "-u", _mount);
            MountTable.WaitUntil(() => MountTable.Find(_mount) is null, TimeSpan.FromSeconds(10));
        }
        _process?.Dispose();
    }

    [Test]
    public void TablesListAtSizeZeroAndTheHookIsFlagged()
    {
        var module = _mount + _process.ModuleDirectory;
        foreach (var table in new[] { "sections.txt", "exports.txt", "imports.txt", "versioninfo.txt" })
            Assert.That(new FileInfo(Path.Combine(module, table)).Length, Is.Zero, $"{table} is not rendered by stat");
        var hooked = File.ReadAllLines(Path.Combine(module, "imports.txt")).Where(l => l.StartsWith("  0x", StringComparison.Ordinal) && l.Contains("HOOK?", StringComparison.Ordinal)).ToList();
        Assert.That(hooked, Has.Count.EqualTo(1));
        Assert.That(hooked[0], Does.StartWith($"  0x{_process.Slots["kernel32.dll!ReadFile"]:X16} 0x{HookedIatProcess.HookTarget:X16} ReadFile"));
        Assert.That(File.ReadAllText(Path.Combine(_mount + $"/processes/{HookedIatProcess.Pid}-{HookedIatProcess.Name}/modules/kernel32.dll", "exports.txt")),
            Does.Contain(" HeapAlloc -> NTDLL.RtlAllocateHeap\n"));
        Assert.That(File.ReadAllText(Path.Combine(module, "versioninfo.txt")), Does.Contain("# no version information: no resource directory"));
    }
}
