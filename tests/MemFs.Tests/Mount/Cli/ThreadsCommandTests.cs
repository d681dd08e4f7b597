using System.Text.Json;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs threads</c> on the synthetic Windows 10 image: every thread the builder wrote, in text and JSON.</summary>
public class ThreadsCommandTests : ExplorerCommandTests
{
    [Test]
    public void JsonCarriesEveryBuiltThreadWithHexAddresses()
    {
        var result = RunOnExplorer("threads", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToArray();
        string? S(JsonElement row, string name) => row.GetProperty(name).GetString();
        Assert.That(rows.Select(r => (r.GetProperty("tid").GetInt64(), r.GetProperty("pid").GetInt64(), S(r, "ethread"), S(r, "teb"), S(r, "startAddress"),
                S(r, "win32StartAddress"), S(r, "kernelStackBase"), S(r, "kernelStackLimit"), S(r, "userStackBase"), S(r, "userStackLimit"), S(r, "trapFrame"))),
            Is.EqualTo(Image.ExplorerThreads.Select(t => (t.Tid, t.Pid, $"0x{t.Ethread:X}", $"0x{t.Teb:X}", $"0x{t.StartAddress:X}", $"0x{t.Win32StartAddress:X}",
                $"0x{t.KernelStackBase:X}", $"0x{t.KernelStackLimit:X}", $"0x{t.UserStackBase:X}", $"0x{t.UserStackLimit:X}", $"0x{t.TrapFrame:X}"))));
        Assert.That(rows.Select(r => (S(r, "state"), r.GetProperty("priority").GetInt32())), Is.EqualTo(new[] { ("Waiting", 8), ("Running", 10) }));
        Assert.That(rows.Select(r => r.GetProperty("created").GetDateTime()), Is.EqualTo(Image.ExplorerThreads.Select(t => t.Created)));
        Assert.That(S(rows[0], "win32StartSymbol"), Is.EqualTo("explorer.exe+0x2340"));
        Assert.That(S(rows[1], "win32StartSymbol"), Is.EqualTo("VAD 0x10000-0x1FFFF (private)+0x40"));
        Assert.That(S(rows[0], "startSymbol"), Is.EqualTo("ntdll.dll+0x1000"));
        Assert.That(rows[1].GetProperty("registers").EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            Is.EqualTo(Image.ExplorerThreads[1].Registers.Select(r => (r.Key, $"0x{r.Value:X}"))));
        Assert.That(Image.ExplorerThreads[1].Registers["Rip"], Is.EqualTo(0x0000_7FF8_1234_5678));
        Assert.That(rows[0].GetProperty("unread").EnumerateArray().Select(u => u.GetString()), Has.Some.StartsWith("registers: no trap frame"));
        Assert.That(rows.Select(r => (r.GetProperty("minidumpContext").GetBoolean(), S(r, "minidumpContextSource"))), Is.EqualTo(new[]
        {
            (false, "none: no trap frame (_KTHREAD.TrapFrame is null: the thread did not enter the kernel from user mode)"),
            (true, $"_KTRAP_FRAME at 0x{Image.ExplorerThreads[1].TrapFrame:X}, control registers only (Rip, Rsp, EFlags, SegCs, SegSs; ContextFlags 0x100001)"),
        }));
    }

    [Test]
    public void TextNamesEachValuesSource()
    {
        var result = RunOnExplorer("threads");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.StartWith($"2 threads of {Image.Explorer.Pid} explorer.exe"));
        Assert.That(result.Text, Does.Contain("_EPROCESS.ThreadListHead").And.Contain("_KTHREAD.TrapFrame -> _KTRAP_FRAME"));
        Assert.That(result.Text, Does.Contain($"TID {Image.ExplorerThreads[1].Tid}").And.Contain(" Rsp=0x18F00 Rip=0x7FF812345678 "));
        Assert.That(result.Text, Does.Contain($"  dump context     _KTRAP_FRAME at 0x{Image.ExplorerThreads[1].TrapFrame:X}, control registers only")
            .And.Contain("  dump context     none: no trap frame"));
    }
}
