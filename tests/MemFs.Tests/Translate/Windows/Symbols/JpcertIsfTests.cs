using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The ISF reader against the 213 JPCERT kernels and the facts of shared/data/symbols/README.md.</summary>
public class JpcertIsfTests
{
    [Test]
    public void EveryIsfHasVolatilityNtkrnlmpMetadataMatchingItsName()
    {
        var entries = IsfCorpus.Entries;
        TestContext.Out.WriteLine($"213 ISFs decompressed and parsed in {IsfCorpus.LoadTime.TotalSeconds:F1} s");
        Assert.That(entries, Has.Count.EqualTo(213));
        Assert.Multiple(() =>
        {
            foreach (var entry in entries)
            {
                var pdb = entry.Metadata.Pdb;
                Assert.That(entry.Metadata.Format, Is.EqualTo("6.1.0"), entry.File);
                Assert.That(entry.Metadata.ProducerName, Is.EqualTo("volatility3"), entry.File);
                Assert.That(pdb, Is.Not.Null, entry.File);
                Assert.That(pdb!.Database, Is.EqualTo("ntkrnlmp.pdb"), entry.File);
                Assert.That(pdb.MachineType, Is.EqualTo(34404), entry.File);
                Assert.That($"{pdb.Guid}-{pdb.Age}.json.xz", Is.EqualTo(entry.File));
            }
        });
    }

    [Test]
    public void ReaderReproducesEveryValueOfTheLayoutsCsv()
    {
        var csv = IsfCorpus.Csv;
        Assert.That(csv.Rows, Has.Count.EqualTo(213));
        Assert.That(csv.ValueColumns, Has.Count.EqualTo(26));
        var compared = 0;
        Assert.Multiple(() =>
        {
            foreach (var row in csv.Rows)
            {
                var entry = IsfCorpus.Get(row.PdbId);
                Assert.That(entry.Bytes, Is.EqualTo(row.XzBytes), $"{row.PdbId} .json.xz size");
                foreach (var column in csv.ValueColumns)
                {
                    var expected = row.Cells[column];
                    Assert.That(entry.CsvValues[column], Is.EqualTo(expected), $"{row.Version} {row.PdbId} {column} (ISF lookup)");
                    if (LayoutsCsv.Lookup(entry.Profile, column) is { } fromProfile)
                        Assert.That(fromProfile, Is.EqualTo(expected), $"{row.Version} {row.PdbId} {column} (profile)");
                    compared++;
                }
            }
        });
        Assert.That(compared, Is.EqualTo(213 * 26));
    }

    [TestCase("339E74133576439CBCDF7E0229DA37731", 899, 118, 18_994)]
    [TestCase("06564D3477822C7D97F04852CBD5AFD61", 1_653, 293, 40_057)]
    [TestCase("0CE4A95C0CD782A7596B034D8648E5851", 1_772, 329, 43_052)]
    public void CountsOfUserTypesEnumsAndSymbols(string pdbId, int userTypes, int enums, int symbols)
    {
        var entry = IsfCorpus.Get(pdbId);
        Assert.That((entry.UserTypes, entry.Enums, entry.Symbols), Is.EqualTo((userTypes, enums, symbols)));
    }

    [Test]
    public void TriageDumpKernel()
    {
        var entry = IsfCorpus.Get("5278AFF86C341677D7D7835C85B7B8441");
        var profile = entry.Profile;
        Assert.Multiple(() =>
        {
            Assert.That((entry.UserTypes, entry.Symbols), Is.EqualTo((1_646, 39_832)));
            Assert.That(profile.Rva("PsLoadedModuleList"), Is.EqualTo(0xc2a390));
            Assert.That(profile.Rva("PsActiveProcessHead"), Is.EqualTo(0xc1e200));
            Assert.That(profile.Rva("KdDebuggerDataBlock"), Is.EqualTo(0xc00b20));
            Assert.That(profile.Rva("MmPfnDatabase"), Is.EqualTo(0xcfc500));
            Assert.That(profile.Rva("PsInitialSystemProcess"), Is.EqualTo(0xcfc420));
            Assert.That(profile.Size("_EPROCESS"), Is.EqualTo(2624));
            Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
            Assert.That(profile.Offset("_EPROCESS.ActiveProcessLinks"), Is.EqualTo(0x448));
            Assert.That(profile.Offset("_EPROCESS.VadRoot"), Is.EqualTo(0x7d8));
            Assert.That(profile.Offset("_KPROCESS.DirectoryTableBase"), Is.EqualTo(0x28));
            Assert.That(profile.Size("_MMVAD"), Is.EqualTo(0x88));
            Assert.That(profile.Size("_MMVAD_SHORT"), Is.EqualTo(0x40));
            Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.EqualTo("ISF 5278AFF86C341677D7D7835C85B7B844-1.json.xz"));
        });
    }

    [TestCase("339E74133576439CBCDF7E0229DA37731", 0x21b940u, 0x239c90u, 0x1e2130u)]
    [TestCase("06564D3477822C7D97F04852CBD5AFD61", 0xc1e040u, 0xc2a3d0u, 0xc00b20u)]
    [TestCase("0CE4A95C0CD782A7596B034D8648E5851", 0xc1bfa0u, 0xc298a0u, 0xc02190u)]
    public void GlobalRvas(string pdbId, uint activeProcessHead, uint loadedModuleList, uint debuggerDataBlock)
    {
        var profile = IsfCorpus.Get(pdbId).Profile;
        Assert.That(
            (profile.Rva("PsActiveProcessHead"), profile.Rva("PsLoadedModuleList"), profile.Rva("KdDebuggerDataBlock")),
            Is.EqualTo(((ulong?)activeProcessHead, (ulong?)loadedModuleList, (ulong?)debuggerDataBlock)),
            pdbId);
    }
}
