using System.IO.Compression;
using System.Text;
using MemFs.Tests.Translate.Files;
using MemFs.Translate.Windows.Symbols.Isf;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The --symbols index: ISFs found by PDB id in folders and zips, by Volatility file name or by metadata.</summary>
public class IsfDirectoryTests
{
    private const string Id = "5278AFF86C341677D7D7835C85B7B8441";
    private const string FileName = "5278AFF86C341677D7D7835C85B7B844-1.json.xz";

    private static byte[] Isf() => File.ReadAllBytes(Path.Combine(IsfCorpus.IsfFolder, FileName));

    [Test]
    public void FindsAVolatilityNamedIsfInAFolder()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("windows/ntkrnlmp.pdb/" + FileName, Isf());
        var symbols = IsfDirectory.Open(temp.Path);
        Assert.That(symbols.Ids, Is.EquivalentTo(new[] { Id }));
        Assert.That(symbols.Locate(Id.ToLowerInvariant()), Is.EqualTo(new IsfLocation(path, null)));
        var isf = symbols.Load(Id)!;
        Assert.That(isf.Rva("PsActiveProcessHead"), Is.EqualTo(0xc1e200));
        Assert.That(isf.Source, Is.EqualTo(path));
        Assert.That(symbols.Load("06564D3477822C7D97F04852CBD5AFD61"), Is.Null);
    }

    [Test]
    public void FindsIsfsInAZipByNameAndByMetadata()
    {
        using var temp = new TempDirectory();
        var zipPath = Path.Combine(temp.Path, "windows.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            Add(zip, "ntkrnlmp.pdb/" + FileName, Isf());
            Add(zip, "other/kernel.json", Encoding.UTF8.GetBytes(IsfFileTests.Json()));
            Add(zip, "readme.txt", "not an ISF"u8.ToArray());
        }
        foreach (var symbols in new[] { IsfDirectory.Open(zipPath), IsfDirectory.Open(temp.Path) })
        {
            Assert.That(symbols.Ids, Is.EquivalentTo(new[] { Id, IsfFileTests.Guid + "2" }));
            Assert.That(symbols.Locate(Id), Is.EqualTo(new IsfLocation(zipPath, "ntkrnlmp.pdb/" + FileName)));
            Assert.That(symbols.Load(Id)!.Size("_EPROCESS"), Is.EqualTo(2624));
            Assert.That(symbols.Load(IsfFileTests.Guid + "2")!.Source, Is.EqualTo($"{zipPath}!other/kernel.json"));
            Assert.That(symbols.Problems, Is.Empty);
        }
    }

    [Test]
    public void IndexesOtherNamesByMetadataAndReportsUnreadableFiles()
    {
        using var temp = new TempDirectory();
        temp.Write("mine/kernel.json.gz", Gzip(Encoding.UTF8.GetBytes(IsfFileTests.Json(age: 10))));
        temp.Write("broken.json", "{ not json"u8.ToArray());
        var symbols = IsfDirectory.Open(temp.Path);
        Assert.That(symbols.Ids, Is.EquivalentTo(new[] { IsfFileTests.Guid + "A" }));
        Assert.That(symbols.Problems, Has.Count.EqualTo(1).And.Some.Contain("broken.json"));
    }

    [Test]
    public void AFileWhoseNameAndMetadataDisagreeIsRefused()
    {
        using var temp = new TempDirectory();
        temp.Write("06564D3477822C7D97F04852CBD5AFD6-1.json.xz", Isf());
        var e = Assert.Throws<IsfFormatException>(() => IsfDirectory.Open(temp.Path).Load("06564D3477822C7D97F04852CBD5AFD61"))!;
        Assert.That(e.Message, Does.Contain("metadata says " + Id));
    }

    [Test]
    public void ASingleIsfFile()
    {
        using var temp = new TempDirectory();
        var path = temp.Write(FileName, Isf());
        Assert.That(IsfDirectory.Open(path).Ids, Is.EquivalentTo(new[] { Id }));
    }

    [Test]
    public void MissingPath() => Assert.Throws<DirectoryNotFoundException>(() => IsfDirectory.Open("/nonexistent/symbols"));

    private static void Add(ZipArchive zip, string name, byte[] contents)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(contents);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
