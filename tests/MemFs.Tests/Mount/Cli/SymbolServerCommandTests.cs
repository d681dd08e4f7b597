using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Tests.Translate.Windows.Symbols.Server;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs info IMAGE --symbols srv*CACHE*URL</c> on a synthetic Windows 10 image: the kernel's PDB is fetched from a
/// local symbol server into the cache and chosen as the profile; with the server down the command warns and goes on.
/// </summary>
public class SymbolServerCommandTests
{
    private SyntheticWindowsRaw _image = null!;
    private string _cache = "";

    [OneTimeSetUp]
    public void Build()
    {
        _image = new SyntheticWindowsRaw();
        _cache = Path.Combine(_image.Directory, "symbols");
    }

    [OneTimeTearDown]
    public void Remove() => _image.Dispose();

    private static string PdbPath => $"ntkrnlmp.pdb/{TestPeImage.PdbGuid.ToString("N").ToUpperInvariant()}1/ntkrnlmp.pdb";

    [Test]
    public void InfoDownloadsTheKernelPdbAndReportsItAsTheProfileSource()
    {
        using var server = new LocalSymbolServer();
        var pdb = SymbolServerSourceTests.KernelPdb(TestPeImage.PdbGuid, 1);
        server.Serve(PdbPath, pdb);
        var result = MemFsProcess.Run("info", _image.Raw, "--symbols", $"srv*{_cache}*{server.Url}");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var cached = Path.Combine(_cache, PdbPath);
        Assert.That(File.ReadAllBytes(cached), Is.EqualTo(pdb));
        Assert.That(result.Text, Does.Match($@"profile: +{Regex.Escape($"symbol server {server.Url} (cache {_cache}) — ")}"));
        Assert.That(result.Text, Does.Match($@"fields by source: +{Regex.Escape($"PDB {cached}: ")}"));
        Assert.That(result.Text, Does.Contain($"downloaded ntkrnlmp.pdb {PdbPath.Split('/')[1]} from {server.Url} into {cached}"));
        Assert.That(result.Stderr, Does.Contain($"downloading {server.Url}/{PdbPath}: {pdb.Length:N0} of {pdb.Length:N0} bytes (100%)"));

        var again = MemFsProcess.Run("info", _image.Raw, "--symbols", $"srv*{_cache}*http://127.0.0.1:{LocalSymbolServer.ClosedPort()}/symbols");
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(again.Text, Does.Contain($"(cache {_cache}) — "), "the cached PDB is used without the server");
        Assert.That(again.Stderr, Is.Empty);
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void AServerThatIsDownIsAWarningAndTheEmbeddedSymbolsAreUsed()
    {
        var down = $"http://127.0.0.1:{LocalSymbolServer.ClosedPort()}/symbols";
        var result = MemFsProcess.Run("ps", _image.Raw, "--symbols", $"srv*{Path.Combine(_image.Directory, "empty-cache")}*{down}");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain($"warning: symbols: {down}/{PdbPath}: cannot fetch ntkrnlmp.pdb ")
            .And.Contain("connection refused (offline, or no server on that port); going on with the other symbol sources"));
        Assert.That(result.Text, Does.Contain("explorer.exe"));
    }

    [Test]
    public void AMalformedServerUrlIsAUsageError()
    {
        var result = MemFsProcess.Run("info", _image.Raw, "--symbols", "srv*/tmp/c*ftp://host/s");
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.Contain("--symbols srv*/tmp/c*ftp://host/s: 'ftp://host/s' is not an http or https URL"));
    }

    [Test]
    public void TheHelpSaysOnlySrvGoesOnline()
    {
        var result = MemFsProcess.Run("ps", "--help");
        Assert.That(result.Text, Does.Contain("srv*CACHE*URL").And.Contain("the only way memfs goes online"));
    }
}
