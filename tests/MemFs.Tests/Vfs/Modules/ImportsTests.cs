using MemFs.Tests.Vfs;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Modules;

/// <summary>imports.txt of a process whose IAT has a hook (into a private region) and a redirection (into another module), checked against the builder's binding.</summary>
public class ImportsTests
{
    [Test]
    public void TheHookAndTheRedirectionAreFlaggedAndTheForwarderIsNot()
    {
        using var process = new HookedIatProcess();
        using var tree = new SessionTree(new EvidenceOptions(process.Raw) { CacheBytes = 16L << 20 });
        var text = tree.Text(process.ModuleDirectory + "/imports.txt");
        TestContext.Out.WriteLine(text);
        string Line(string function) => text.Split('\n').Single(l => l.StartsWith($"  0x{process.Slots["kernel32.dll!" + function]:X16} ", StringComparison.Ordinal));

        Assert.That(Line("CreateFileW"), Does.EndWith($"0x{HookedIatProcess.Kernel32Base + HookedIatProcess.CreateFileW:X16} CreateFileW -> kernel32.dll!CreateFileW+0x0"));
        Assert.That(Line("HeapAlloc"), Does.EndWith("HeapAlloc -> ntdll.dll!RtlAllocateHeap+0x0 (forwarded: kernel32.dll -> NTDLL.RtlAllocateHeap)"));
        Assert.That(Line("ReadFile"), Does.EndWith($"0x{HookedIatProcess.HookTarget:X16} ReadFile -> 0x{HookedIatProcess.HookTarget:X}  HOOK? IAT entry points outside every loaded module"));
        Assert.That(Line("WriteFile"), Does.EndWith("WriteFile -> ntdll.dll!NtWriteFile+0x10  REDIRECTED? IAT entry points into ntdll.dll, not kernel32.dll"));
        Assert.That(text, Does.Contain("# 1 imported DLLs, 4 functions, 2 flagged"));
    }

    [Test]
    public void HostileTablesGiveBoundedClearOutput()
    {
        using var process = new HookedIatProcess(hostile: true);
        using var tree = new SessionTree(new EvidenceOptions(process.Raw) { CacheBytes = 16L << 20 });
        var exports = tree.Text($"/processes/{HookedIatProcess.Pid}-{HookedIatProcess.Name}/modules/kernel32.dll/exports.txt");
        Assert.That(exports, Does.Contain("# no exports: export arrays unreadable: RVA 0x").And.Contain("lies outside the image"), exports);
        var imports = tree.Text(process.ModuleDirectory + "/imports.txt");
        Assert.That(imports, Does.Contain("(unreadable name at RVA 0xFFFFFF00): 4 functions"), imports);
        // kernel32's exports cannot be read, so targets in it are named by offset; the hook is still flagged.
        Assert.That(imports, Does.Contain($"ReadFile -> 0x{HookedIatProcess.HookTarget:X}  HOOK? IAT entry points outside every loaded module"));
        Assert.That(imports, Does.Contain("CreateFileW -> kernel32.dll+0x1100  REDIRECTED? IAT entry points into kernel32.dll, not (unreadable name at RVA 0xFFFFFF00)"));
    }
}
