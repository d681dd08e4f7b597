using System.Text.Json;
using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Vfs.Modules;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Session;
using NUnit.Framework;
using static MemFs.Tests.Vfs.LoaderLists.HiddenModulesProcess;

namespace MemFs.Tests.Vfs.LoaderLists;

/// <summary>
/// ldrmodules-style findings over the three PEB_LDR_DATA lists of <see cref="HiddenModulesProcess"/>, against the
/// builder's truth: kernel32.dll unlinked from InMemoryOrder only, hidden.dll from all three, ghost.dll with no image
/// VAD; the main executable's absence from InInitializationOrder is not a finding.
/// </summary>
public class LoaderListFindingsTests
{
    private static readonly string[] LoaderKinds = ["image-not-in-loader-list", "loader-entry-without-image", "module-unlinked-from-loader-lists"];

    private static string[] Fields(string text, string kind, ulong start) =>
        text.Split('\n').Single(l => l.StartsWith($"{kind} | ", StringComparison.Ordinal) && l.Contains($" | 0x{start:X}-")).Split(" | ");

    [Test]
    public void EveryImageCarriesTheListsItsEntryIsLinkedInto()
    {
        using var built = new HiddenModulesProcess();
        using var tree = new SessionTree(new EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var view = tree.View(Pid);
        Assert.That(view.Images.Select(i => (i.Base, i.Lists)).OrderBy(i => i.Base), Is.EqualTo(Truth.Select(m => (m.Base, m.Lists)).OrderBy(m => m.Base)));
        Assert.That(view.LoaderLists.Problems, Is.Empty);
    }

    [Test]
    public void FindingsNameEachHiddenModuleAndTheListsItIsMissingFrom()
    {
        using var built = new HiddenModulesProcess();
        using var tree = new SessionTree(new EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var text = tree.Text(ProcessDirectory + "/findings.txt");
        var loader = text.Split('\n').Where(l => LoaderKinds.Any(k => l.StartsWith(k + " | ", StringComparison.Ordinal))).ToList();
        Assert.That(loader.Select(l => (l.Split(" | ")[0], l.Split(" | ")[2])), Is.EquivalentTo(new[]
        {
            ("module-unlinked-from-loader-lists", $"0x{Kernel32Base:X}-0x{Kernel32Base + TablePe.SizeOfImage - 1:X}"),
            ("image-not-in-loader-list", $"0x{HiddenBase:X}-0x{HiddenBase + TablePe.SizeOfImage - 1:X}"),
            ("loader-entry-without-image", $"0x{GhostBase:X}-0x{GhostBase + TablePe.SizeOfImage - 1:X}"),
        }), text);

        var dir = ProcessDirectory.TrimStart('/');
        Assert.That(Fields(text, "module-unlinked-from-loader-lists", Kernel32Base)[1..], Is.EqualTo(new[]
        {
            $"{Pid} {Name}", $"0x{Kernel32Base:X}-0x{Kernel32Base + TablePe.SizeOfImage - 1:X}", @"\Windows\System32\kernel32.dll",
            "the loader entry of kernel32.dll is on InLoadOrderModuleList and InInitializationOrderModuleList but unlinked from InMemoryOrderModuleList: hidden from tools that walk those lists",
            $"{dir}/ldrmodules.txt",
        }));
        Assert.That(Fields(text, "image-not-in-loader-list", HiddenBase)[3..], Is.EqualTo(new[]
        {
            @"\Windows\System32\hidden.dll",
            "an image is mapped here but none of the three PEB loader lists names it: unlinked to hide it, or mapped without the loader",
            $"{dir}/modules/hidden.dll",
        }));
        Assert.That(Fields(text, "loader-entry-without-image", GhostBase)[4],
            Is.EqualTo("InLoadOrderModuleList and InMemoryOrderModuleList and InInitializationOrderModuleList names a module at this base but no image VAD maps one there: a forged or stale loader entry"));
    }

    [Test]
    public void LdrModulesTxtHasOneLinePerImageWithItsThreeFlags()
    {
        using var built = new HiddenModulesProcess();
        using var tree = new SessionTree(new EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var lines = tree.Text(ProcessDirectory + "/ldrmodules.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'));
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"0x{ExeBase:X} | True | False | True | \\Users\\a\\hider.exe | main executable (never on the init-order list)",
            $"0x{Kernel32Base:X} | True | True | False | \\Windows\\System32\\kernel32.dll | unlinked from InMemoryOrderModuleList",
            $"0x{NtdllBase:X} | True | True | True | \\Windows\\System32\\ntdll.dll",
            $"0x{HiddenBase:X} | False | False | False | \\Windows\\System32\\hidden.dll | in no loader list",
            $"0x{GhostBase:X} | True | True | True | - | no image VAD maps this base",
        }));
    }

    [Test]
    public void FindingsJsonCarriesTheListMembership()
    {
        using var built = new HiddenModulesProcess();
        var result = MemFsProcess.Run("findings", built.Raw, "--pid", Pid.ToString(), "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToList();
        LoaderListMembership Lists(ulong start)
        {
            var lists = rows.Single(r => Convert.ToUInt64(r.GetProperty("start").GetString(), 16) == start).GetProperty("lists");
            return (lists.GetProperty("inLoadOrder").GetBoolean() ? LoaderListMembership.InLoadOrder : 0)
                   | (lists.GetProperty("inMemoryOrder").GetBoolean() ? LoaderListMembership.InMemoryOrder : 0)
                   | (lists.GetProperty("inInitializationOrder").GetBoolean() ? LoaderListMembership.InInitializationOrder : 0);
        }
        foreach (var start in new[] { Kernel32Base, HiddenBase, GhostBase })
            Assert.That(Lists(start), Is.EqualTo(Truth.Single(m => m.Base == start).Lists), $"0x{start:X}");
    }

    [Test]
    public void ALoopInOneListIsBoundedAndNamedAndTheOtherListsStillCount()
    {
        // InMemoryOrderModuleList's last entry points back at its first instead of the head: a loop that skips the
        // head. The walk stops at the repeat, says so, and recovers the entries from the head's Blink.
        using var built = new HiddenModulesProcess((objects, process) =>
        {
            var ldr = objects.Image.ReadVirtual64(process.Peb + (ulong)objects.Profile.Require("_PEB.Ldr"));
            var head = ldr + (ulong)objects.Profile.Require("_PEB_LDR_DATA.InLoadOrderModuleList") + 0x10;
            var first = objects.Image.ReadVirtual64(head);
            var last = objects.Image.ReadVirtual64(head + 8);
            objects.Image.WriteKernelOrUser(last, first);
        });
        using var tree = new SessionTree(new EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var view = tree.View(Pid);
        Assert.That(view.LoaderLists.Problems, Has.Count.EqualTo(1));
        Assert.That(view.LoaderLists.Problems[0], Does.StartWith("InMemoryOrderModuleList: list at ").And.Contain("without reaching the head"));
        Assert.That(view.Images.Select(i => (i.Base, i.Lists)).OrderBy(i => i.Base), Is.EqualTo(Truth.Select(m => (m.Base, m.Lists)).OrderBy(m => m.Base)));
        Assert.That(tree.Text(ProcessDirectory + "/ldrmodules.txt"), Does.Contain("# " + view.LoaderLists.Problems[0]));
    }
}
