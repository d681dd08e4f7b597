using MemFs.Tests.Vfs.Modules;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>findings.txt's IAT hook lines: of hooked.exe's four bound slots, only ReadFile (into a private region) is a hook; WriteFile (into another module) is not a finding.</summary>
public class IatHookFindingsTests
{
    [Test]
    public void OnlyTheSlotPointingOutsideEveryModuleIsAFinding()
    {
        using var process = new HookedIatProcess();
        using var tree = new SessionTree(new EvidenceOptions(process.Raw) { CacheBytes = 16L << 20 });
        var directory = $"processes/{HookedIatProcess.Pid}-{HookedIatProcess.Name}";
        var text = tree.Text("/" + directory + "/findings.txt");
        var hooks = text.Split('\n').Where(l => l.StartsWith("iat-hook | ", StringComparison.Ordinal)).ToList();

        Assert.That(hooks, Has.Count.EqualTo(1), text);
        var slot = process.Slots["kernel32.dll!ReadFile"];
        Assert.That(hooks[0].Split(" | "), Is.EqualTo(new[]
        {
            "iat-hook", $"{HookedIatProcess.Pid} {HookedIatProcess.Name}", $"0x{slot:X}-0x{slot + 7:X}", HookedIatProcess.Name,
            $"the IAT slot of kernel32.dll!ReadFile in {HookedIatProcess.Name} holds 0x{HookedIatProcess.HookTarget:X}, outside every loaded module: an IAT hook",
            $"{directory}/modules/{HookedIatProcess.Name}/imports.txt",
        }));
        Assert.That(tree.Text("/findings.txt"), Does.Contain(hooks[0]));
    }
}
