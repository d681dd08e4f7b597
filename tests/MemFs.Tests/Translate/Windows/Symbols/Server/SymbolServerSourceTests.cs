using MemFs.Tests.Translate.Windows.Symbols.Cab;
using MemFs.Tests.Translate.Windows.Symbols.Pdb;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Translate.Windows.Symbols.Server;
using MemFs.Translate.Windows.Symbols.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Server;

/// <summary>
/// Downloads from a symbol server on 127.0.0.1 serving a test-built kernel PDB: into the cache's srv* layout, from the
/// cache next time, from the CAB-compressed .pd_ or a file.ptr when the .pdb is missing, and refused when wrong,
/// cut short or too large; a server that is down is a clear error and the resolution goes on.
/// </summary>
public class SymbolServerSourceTests
{
    private static readonly Guid KernelGuid = new("5278AFF8-6C34-1677-D7D7-835C85B7B844");
    private const uint Age = 1;
    private const string Id = "5278AFF86C341677D7D7835C85B7B8441";
    private const string PdbPath = "ntkrnlmp.pdb/" + Id + "/ntkrnlmp.pdb";
    private static readonly KernelId Kernel = new("ntkrnlmp.pdb", Id, 19041);

    private string _cache = "";
    private LocalSymbolServer _server = null!;
    private RecordingObserver _observer = null!;

    internal static byte[] KernelPdb(Guid guid, uint age) => KernelPdbWriter.FromProfile(KernelPack.Embedded.TryGetFamily(19041, out _)!, guid, age);

    [SetUp]
    public void Start()
    {
        _cache = Path.Combine(Directory.CreateTempSubdirectory("memfs-symsrv-").FullName, "cache");
        _server = new LocalSymbolServer();
        _observer = new RecordingObserver();
    }

    [TearDown]
    public void Stop()
    {
        _server.Dispose();
        Directory.Delete(Path.GetDirectoryName(_cache)!, true);
    }

    private SymbolServerSource Source(SymbolDownloadLimits? limits = null, params Uri[] servers) =>
        new(new SymbolServerPath(_cache, [], servers.Length > 0 ? servers : [_server.Url]), _observer, limits);

    private string Cached => Path.Combine(_cache, "ntkrnlmp.pdb", Id, "ntkrnlmp.pdb");

    [Test]
    public void ThePdbIsDownloadedIntoTheCacheLayoutAndRead()
    {
        var pdb = KernelPdb(KernelGuid, Age);
        _server.Serve(PdbPath, pdb);
        var profile = Source().TryGet(Kernel, out var note);
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(profile!.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
        Assert.That(note, Is.EqualTo($"downloaded ntkrnlmp.pdb {Id} from {_server.Url} into {Cached}"));
        Assert.That(File.ReadAllBytes(Cached), Is.EqualTo(pdb));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(Cached)!), Is.EqualTo(new[] { Cached }), "no temporary file is left");
        Assert.That(_server.Requests, Is.EqualTo(new[] { "/symbols/" + PdbPath }));
        Assert.That(_observer.Transfers, Is.EqualTo(new[] { ($"downloading {_server.Url}/{PdbPath}", (long)pdb.Length, (long)pdb.Length) }));
    }

    [Test]
    public void TheSecondRunReadsTheCacheWithoutTheServer()
    {
        _server.Serve(PdbPath, KernelPdb(KernelGuid, Age));
        Assert.That(Source().TryGet(Kernel, out _), Is.Not.Null);
        _server.Dispose();
        var down = new Uri($"http://127.0.0.1:{LocalSymbolServer.ClosedPort()}/symbols");
        var profile = Source(null, down).TryGet(Kernel, out var note);
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(profile!.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.EqualTo($"PDB {Cached}"));
        Assert.That(_observer.Warnings, Is.Empty);
    }

    [Test]
    public void WithoutThePdbTheCompressedPdIsExpanded()
    {
        var pdb = KernelPdb(KernelGuid, Age);
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", pdb, (i, block) => i == 1 ? CabinetWriter.Deflated(block) : CabinetWriter.Stored(block));
        _server.Serve("ntkrnlmp.pdb/" + Id + "/ntkrnlmp.pd_", cab);
        var profile = Source().TryGet(Kernel, out var note);
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(File.ReadAllBytes(Cached), Is.EqualTo(pdb));
        Assert.That(_server.Requests, Is.EqualTo(new[] { "/symbols/" + PdbPath, $"/symbols/ntkrnlmp.pdb/{Id}/ntkrnlmp.pd_" }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(Cached)!), Is.EqualTo(new[] { Cached }));
    }

    [Test]
    public void AFilePointerToAPathIsFollowed()
    {
        var elsewhere = Path.Combine(Path.GetDirectoryName(_cache)!, "share-ntkrnlmp.pdb");
        File.WriteAllBytes(elsewhere, KernelPdb(KernelGuid, Age));
        _server.Serve($"ntkrnlmp.pdb/{Id}/file.ptr", global::System.Text.Encoding.ASCII.GetBytes("PATH:" + elsewhere));
        Assert.That(Source().TryGet(Kernel, out var note), Is.Not.Null, note);
        Assert.That(File.ReadAllBytes(Cached), Is.EqualTo(File.ReadAllBytes(elsewhere)));
    }

    [Test]
    public void NothingOnTheServerSaysWhatWasAskedFor()
    {
        Assert.That(Source().TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Is.EqualTo($"{_server.Url}/{PdbPath} (also ntkrnlmp.pd_ and file.ptr): not found (404)"));
        Assert.That(_observer.Warnings, Is.EqualTo(new[] { $"symbols: {note}; going on with the other symbol sources" }));
        Assert.That(Directory.Exists(Path.Combine(_cache, "ntkrnlmp.pdb")), Is.False, "a failed fetch leaves no empty folders");
    }

    [Test]
    public void AServerThatIsDownIsAClearErrorAndTheResolutionGoesOn()
    {
        var down = new Uri($"http://127.0.0.1:{LocalSymbolServer.ClosedPort()}/symbols");
        var fallback = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var outcome = ProfileResolver.Resolve(Kernel, [Source(null, down), new FixedProfileSource("embedded pack", fallback)], _ => null);
        Assert.That(outcome.ChosenSource, Is.EqualTo("embedded pack"));
        Assert.That(outcome.Log[0], Is.EqualTo($"symbol server {down} (cache {_cache}): {down}/{PdbPath}: cannot fetch ntkrnlmp.pdb {Id}: " +
            "connection refused (offline, or no server on that port)"));
        Assert.That(_observer.Warnings.Single(), Does.StartWith($"symbols: {down}/{PdbPath}: cannot fetch").And.EndWith("going on with the other symbol sources"));
    }

    [Test]
    public void APdbWithAnotherGuidIsRefused()
    {
        _server.Serve(PdbPath, KernelPdb(Guid.Parse("11111111-2222-3333-4444-555555555555"), Age));
        Assert.That(Source().TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Is.EqualTo($"{_server.Url}/{PdbPath}: the PDB served is 111111112222333344445555555555551, not the {Id} asked for; refused"));
        Assert.That(File.Exists(Cached), Is.False);
    }

    [Test]
    public void SomethingThatIsNotAPdbIsRefused()
    {
        _server.Serve(PdbPath, "<html>sign in</html>"u8.ToArray());
        Assert.That(Source().TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Does.StartWith($"{_server.Url}/{PdbPath}: what the server sent is not a PDB (").And.EndWith("); refused"));
        Assert.That(File.Exists(Cached), Is.False);
    }

    [Test]
    public void ATruncatedDownloadIsRefused()
    {
        var pdb = KernelPdb(KernelGuid, Age);
        _server.Serve(PdbPath, pdb[..(pdb.Length / 2)], declaredLength: pdb.Length);
        Assert.That(Source().TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Does.StartWith($"{_server.Url}/{PdbPath}: ntkrnlmp.pdb {Id} ended after ").And.EndWith($" of {pdb.Length:N0} bytes; refused"));
        Assert.That(File.Exists(Cached), Is.False);
    }

    [Test]
    public void ADeclaredOversizedDownloadIsRefusedBeforeReading()
    {
        var pdb = KernelPdb(KernelGuid, Age);
        _server.Serve(PdbPath, pdb);
        var limits = SymbolDownloadLimits.Default with { MaxBytes = 4096 };
        Assert.That(Source(limits).TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Is.EqualTo($"{_server.Url}/{PdbPath}: ntkrnlmp.pdb {Id} is {pdb.Length:N0} bytes, more than the 4,096 allowed; refused"));
        Assert.That(_observer.Transfers, Is.Empty);
    }

    [Test]
    public void AnUndeclaredOversizedDownloadIsCutOff()
    {
        _server.Serve(PdbPath, KernelPdb(KernelGuid, Age), sendLength: false);
        var limits = SymbolDownloadLimits.Default with { MaxBytes = 4096 };
        Assert.That(Source(limits).TryGet(Kernel, out var note), Is.Null);
        Assert.That(note, Is.EqualTo($"{_server.Url}/{PdbPath}: ntkrnlmp.pdb {Id} runs past the 4,096 bytes allowed; refused"));
        Assert.That(File.Exists(Cached), Is.False);
    }

    [Test]
    public void TheNextServerIsAskedWhenTheFirstHasNothing()
    {
        using var second = new LocalSymbolServer();
        second.Serve(PdbPath, KernelPdb(KernelGuid, Age));
        var profile = Source(null, _server.Url, second.Url).TryGet(Kernel, out var note);
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
        Assert.That(_observer.Warnings, Is.Empty);
    }
}
