using System.Text.Json;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs handles</c> on the synthetic Windows 10 image: every handle the builder wrote, in JSON and text.</summary>
public class HandlesCommandTests : ExplorerCommandTests
{
    [Test]
    public void JsonCarriesEveryBuiltHandle()
    {
        var result = RunOnExplorer("handles", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var rows = JsonDocument.Parse(result.Text).RootElement.EnumerateArray().ToArray();
        Assert.That(rows.Select(r => (r.GetProperty("handle").GetString(), r.GetProperty("object").GetString(), r.GetProperty("grantedAccess").GetString(),
                r.GetProperty("typeIndex").GetInt32(), r.GetProperty("name").GetString())),
            Is.EqualTo(Image.ExplorerHandles.Select(h => ($"0x{h.Handle:X}", $"0x{h.Object:X}", $"0x{h.Access:X}", (int)h.TypeIndex, h.Name))));
        Assert.That(rows.Select(r => r.GetProperty("type").GetString()), Has.All.Contains("ObTypeIndexTable is unknown"));
    }

    [Test]
    public void TextSaysWhereTheTypeDecodingCameFrom()
    {
        var result = RunOnExplorer("handles");

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.StartWith($"3 handles of {Image.Explorer.Pid} explorer.exe"));
        Assert.That(result.Text, Does.Contain("no nt!ObHeaderCookie RVA in the profile").And.Contain(@"\BaseNamedObjects\windows_shell_global_counters"));
    }
}
