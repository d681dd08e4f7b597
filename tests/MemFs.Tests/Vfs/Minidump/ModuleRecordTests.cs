using System.Buffers.Binary;
using System.Text;
using MemFs.Tests.Vfs.LoaderLists;
using MemFs.Vfs.Session;
using NUnit.Framework;
using static MemFs.Tests.Vfs.LoaderLists.HiddenModulesProcess;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// MINIDUMP_MODULE's CvRecord and VersionInfo for <see cref="HiddenModulesProcess"/>, whose ntdll.dll alone has an
/// RSDS CodeView record and a version resource: both parse back equal to the builder's truth, the other modules have
/// an empty CvRecord and a zero VersionInfo.
/// </summary>
public class ModuleRecordTests
{
    [Test]
    public void NtdllsCodeViewAndVersionInfoParseBackAsBuilt()
    {
        using var built = new HiddenModulesProcess();
        using var tree = new SessionTree(new EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var modules = new MinidumpReader(tree.Bytes(ProcessDirectory + "/minidump.dmp")).ReadModules();
        var ntdll = modules.Single(m => m.Base == NtdllBase);

        var cv = ntdll.CodeView;
        Assert.That(Encoding.ASCII.GetString(cv, 0, 4), Is.EqualTo("RSDS"));
        Assert.That(new Guid(cv.AsSpan(4, 16)), Is.EqualTo(NtdllIdentity.Guid));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(cv.AsSpan(20)), Is.EqualTo(NtdllIdentity.Age));
        Assert.That(Encoding.UTF8.GetString(cv, 24, cv.Length - 24), Is.EqualTo(NtdllIdentity.PdbName + "\0"));

        var version = Enumerable.Range(0, 13).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(ntdll.VersionInfo.AsSpan(i * 4))).ToArray();
        Assert.That(version, Is.EqualTo(NtdllIdentity.FixedFileInfo));

        foreach (var other in modules.Where(m => m.Base != NtdllBase))
        {
            Assert.That(other.CodeView, Is.Empty, other.Name);
            Assert.That(other.VersionInfo, Has.All.Zero, other.Name);
        }
    }
}
