using System.Security.Cryptography;
using MemFs.Tests.Support;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs --version</c>: version, commit, build kind and the embedded symbol pack, one per line.</summary>
public class VersionOptionTests
{
    [Test]
    public void NamesVersionBuildKindAndTheEmbeddedPack()
    {
        var result = MemFsProcess.Run("--version");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var lines = result.Text.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4), result.Text);
        Assert.That(lines[0], Does.Match(@"^memfs \d+\.\d+\.\d+$"));
        Assert.That(lines[1], Does.Match("^commit: ([0-9a-f]{40}|unknown)$"));
        var kind = Environment.GetEnvironmentVariable(MemFsExecutable.Variable) is { Length: > 0 } ? @"(NativeAOT|self-contained)[a-zA-Z, -]*" : "framework-dependent";
        Assert.That(lines[2], Does.Match($@"^build: {kind} \(linux-x64\)$"));
        var pack = File.ReadAllBytes(Path.Combine(SharedData.Repository ?? ".", "src/Translate/Windows/Symbols/Pack/kernel-pack.json.gz"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(pack))[..16];
        Assert.That(lines[3], Is.EqualTo($"symbol pack: sha256 {sha}, JPCERT Windows-Symbol-Tables commit 11ad856cd9fb (BSD-3-Clause)"));
    }
}
