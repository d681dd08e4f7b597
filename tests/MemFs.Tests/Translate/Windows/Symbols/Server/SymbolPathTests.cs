using MemFs.Translate.Windows.Symbols.Server;
using MemFs.Translate.Windows.Symbols.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Server;

/// <summary>--symbols written as a debugger symbol path: which sources it makes, and that only srv* with a URL goes online.</summary>
public class SymbolPathTests
{
    private static string[] Names(params string[] arguments) => SymbolArguments.Parse(arguments).Select(s => s.Name).ToArray();

    [Test]
    public void ACacheAndSeveralServers() =>
        Assert.That(Names("srv*/tmp/c*http://127.0.0.1:1/a*https://example.invalid/b"),
            Is.EqualTo(new[] { "symbol server http://127.0.0.1:1/a, https://example.invalid/b (cache /tmp/c)" }));

    [Test]
    public void ALocalStoreAloneNeverGoesOnline() =>
        Assert.That(Names("srv*/tmp/store"), Is.EqualTo(new[] { "PDB store /tmp/store" }));

    [Test]
    public void AServerAloneUsesTheUsersCacheFolder() =>
        Assert.That(Names("SRV*http://127.0.0.1:1/s"), Is.EqualTo(new[] { $"symbol server http://127.0.0.1:1/s (cache {DefaultSymbolCache.Directory()})" }));

    [Test]
    public void CacheNamesTheFolderOfServersThatNameNone() =>
        Assert.That(Names("cache*/tmp/k;srv**http://127.0.0.1:1/s"),
            Is.EqualTo(new[] { "PDB store /tmp/k", "symbol server http://127.0.0.1:1/s (cache /tmp/k)" }));

    [Test]
    public void FurtherLocalFoldersAreSearchedAsStores() =>
        Assert.That(Names("srv*/tmp/c*/tmp/d*http://127.0.0.1:1/s"),
            Is.EqualTo(new[] { "PDB store /tmp/d", "symbol server http://127.0.0.1:1/s (cache /tmp/c)" }));

    [TestCase("srv*/tmp/c*ftp://host/s", "'ftp://host/s' is not an http or https URL (only those are downloaded from)")]
    [TestCase("srv*/tmp/c*http://", "'http://' is not an http or https URL")]
    [TestCase("srv**", "names no folder and no server")]
    public void AMalformedPathIsAUsageError(string argument, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => SymbolArguments.Validate([argument]));
        Assert.That(error!.Message, Is.EqualTo($"--symbols {argument}: {problem}"));
    }

    [Test]
    public void TheDefaultCacheFollowsXdgCacheHome()
    {
        var before = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/var/cache/someone");
            Assert.That(DefaultSymbolCache.Directory(), Is.EqualTo("/var/cache/someone/memfs/symbols"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", before);
        }
    }
}
