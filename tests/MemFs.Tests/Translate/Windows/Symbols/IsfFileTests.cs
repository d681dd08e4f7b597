using System.Globalization;
using System.IO.Compression;
using System.Text;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Isf;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The ISF parser and lookups on a small hand-written ISF shaped like pdbconv's output.</summary>
public class IsfFileTests
{
    internal const string Guid = "0123456789ABCDEF0123456789ABCDEF";

    internal static string Json(string guid = Guid, int age = 2) => """
        {"base_types":{"pointer":{"endian":"little","kind":"int","signed":false,"size":8},
                       "unsigned long":{"endian":"little","kind":"int","signed":false,"size":4}},
         "enums":{"_POOL_TYPE":{"base":"int","constants":{"NonPagedPool":0,"PagedPool":1},"size":4}},
         "metadata":{"format":"6.1.0","producer":{"name":"volatility3","version":"2.7.0"},
                     "windows":{"pdb":{"GUID":"@GUID","age":@AGE,"database":"ntkrnlmp.pdb","machine_type":34404}}},
         "symbols":{"PsActiveProcessHead":{"address":12705856},"MiState":{"address":4096,"type":{"kind":"struct","name":"_MI_SYSTEM_INFORMATION"}}},
         "user_types":{
           "_MMVAD_SHORT":{"kind":"struct","size":64,"fields":{
             "VadNode":{"offset":0,"type":{"kind":"struct","name":"_RTL_BALANCED_NODE"}},
             "StartingVpn":{"offset":24,"type":{"kind":"base","name":"unsigned long"}},
             "u":{"offset":48,"type":{"kind":"union","name":"__anonymous_1dd7"}},
             "Next":{"offset":8,"type":{"kind":"pointer","subtype":{"kind":"struct","name":"_MMVAD_SHORT"}}}}},
           "__anonymous_1dd7":{"kind":"union","size":4,"fields":{
             "LongFlags":{"offset":0,"type":{"kind":"base","name":"unsigned long"}},
             "VadFlags":{"offset":0,"type":{"kind":"struct","name":"_MMVAD_FLAGS"}}}},
           "_MMVAD_FLAGS":{"kind":"struct","size":4,"fields":{
             "Protection":{"offset":0,"type":{"kind":"bitfield","bit_position":7,"bit_length":5,"type":{"kind":"base","name":"unsigned long"}}},
             "Spare":{"offset":2,"type":{"kind":"array","count":2,"subtype":{"kind":"base","name":"unsigned char"}}}}},
           "_RTL_BALANCED_NODE":{"kind":"struct","size":24,"fields":{
             "Left":{"offset":0,"type":{"kind":"pointer","subtype":{"kind":"struct","name":"_RTL_BALANCED_NODE"}}},
             "Right":{"offset":8,"type":{"kind":"pointer","subtype":{"kind":"struct","name":"_RTL_BALANCED_NODE"}}}}}}}
        """.Replace("@GUID", guid).Replace("@AGE", age.ToString(CultureInfo.InvariantCulture));

    private static IsfFile Sample() => IsfFile.Parse(Encoding.UTF8.GetBytes(Json()), "sample.json");

    [Test]
    public void Metadata()
    {
        var metadata = Sample().Metadata;
        Assert.That((metadata.Format, metadata.ProducerName, metadata.ProducerVersion), Is.EqualTo(("6.1.0", "volatility3", "2.7.0")));
        Assert.That(metadata.Pdb, Is.EqualTo(new IsfPdbIdentity(Guid, 2, "ntkrnlmp.pdb", 34404)));
        Assert.That(metadata.Pdb!.Id, Is.EqualTo(Guid + "2"));
    }

    [Test]
    public void TypesEnumsAndSymbols()
    {
        var isf = Sample();
        Assert.That(isf.BaseTypes["pointer"].Size, Is.EqualTo(8));
        Assert.That(isf.Enums["_POOL_TYPE"].Constants["PagedPool"], Is.EqualTo(1));
        Assert.That(isf.Rva("PsActiveProcessHead"), Is.EqualTo(0xc1e040));
        Assert.That(isf.Symbols["MiState"].Type, Is.EqualTo(new IsfTypeRef("struct", "_MI_SYSTEM_INFORMATION", null, null, null, null)));
        var next = isf.UserTypes["_MMVAD_SHORT"].Fields["Next"].Type;
        Assert.That((next.Kind, next.Element?.Kind, next.Element?.Name), Is.EqualTo(("pointer", "struct", "_MMVAD_SHORT")));
        var spare = isf.UserTypes["_MMVAD_FLAGS"].Fields["Spare"].Type;
        Assert.That((spare.Kind, spare.Count, spare.Element?.Name), Is.EqualTo(("array", 2, "unsigned char")));
        var protection = isf.UserTypes["_MMVAD_FLAGS"].Fields["Protection"].Type;
        Assert.That((protection.BitPosition, protection.BitLength, protection.Element?.Name), Is.EqualTo((7, 5, "unsigned long")));
    }

    [Test]
    public void MemberPathsFollowNamedStructAndUnionMembers()
    {
        var isf = Sample();
        Assert.That(isf.Offset("_MMVAD_SHORT", "u"), Is.EqualTo(48));
        Assert.That(isf.Offset("_MMVAD_SHORT", "u.VadFlags"), Is.EqualTo(48));
        Assert.That(isf.Offset("_MMVAD_SHORT", "u.VadFlags.Spare"), Is.EqualTo(50));
        Assert.That(isf.Offset("_MMVAD_SHORT", "VadNode.Right"), Is.EqualTo(8));
        Assert.That(isf.Bits("_MMVAD_SHORT", "u.VadFlags.Protection"), Is.EqualTo(new BitField(7, 5)));
        Assert.That(isf.Bits("_MMVAD_FLAGS", "Protection"), Is.EqualTo(new BitField(7, 5)));
        Assert.That(isf.Size("_MMVAD_SHORT"), Is.EqualTo(64));
    }

    [TestCase("_MMVAD_SHORT", "Missing")]
    [TestCase("_NOPE", "u")]
    [TestCase("_MMVAD_SHORT", "StartingVpn.Low")]
    [TestCase("_MMVAD_SHORT", "Next.StartingVpn")]
    public void MissingPathsAreNull(string type, string path) => Assert.That(Sample().Member(type, path), Is.Null);

    [Test]
    public void NonBitFieldIsNoBitField() => Assert.That(Sample().Bits("_MMVAD_SHORT", "StartingVpn"), Is.Null);

    [Test]
    public void ProfileReaderTakesWhatTheIsfHas()
    {
        var profile = IsfProfileReader.Read(Sample(), "test ISF");
        Assert.That(profile.PdbId, Is.EqualTo(Guid + "2"));
        Assert.That(profile.Offset("_MMVAD_SHORT.u"), Is.EqualTo(48));
        Assert.That(profile.Offset("_MMVAD_SHORT.VadNode"), Is.EqualTo(0));
        Assert.That(profile.Offset("_RTL_BALANCED_NODE.Right"), Is.EqualTo(8));
        Assert.That(profile.Bit("_MMVAD_FLAGS.Protection"), Is.EqualTo(new BitField(7, 5)));
        Assert.That(profile.Rva("PsActiveProcessHead"), Is.EqualTo(0xc1e040));
        Assert.That(profile.Offsets["_MMVAD_SHORT.u"].Source, Is.EqualTo("test ISF"));
        Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.Null);
        Assert.That(profile.Offsets, Has.Count.EqualTo(5));
    }

    [Test]
    public void GzipAndPlainJsonGiveTheSameFile()
    {
        var json = Encoding.UTF8.GetBytes(Json());
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(json);
        var fromGzip = IsfFile.Parse(gz.ToArray(), "sample.json.gz");
        Assert.That(fromGzip.Offset("_MMVAD_SHORT", "u.VadFlags.Spare"), Is.EqualTo(50));
        Assert.That(fromGzip.Source, Is.EqualTo("sample.json.gz"));
    }

    [Test]
    public void NotAnIsf()
    {
        var e = Assert.Throws<IsfFormatException>(() => IsfFile.Parse("{\"user_types\":{}}"u8.ToArray(), "x.json"))!;
        Assert.That(e.Message, Does.StartWith("x.json: ").And.Contain("metadata"));
        e = Assert.Throws<IsfFormatException>(() => IsfFile.Parse("{\"metadata\":"u8.ToArray(), "y.json"))!;
        Assert.That(e.Message, Does.StartWith("y.json: not valid JSON"));
        e = Assert.Throws<IsfFormatException>(() => IsfFile.Parse("BZh91AY&SY"u8.ToArray(), "z.json.bz2"))!;
        Assert.That(e.Message, Does.Contain("bzip2"));
    }
}
