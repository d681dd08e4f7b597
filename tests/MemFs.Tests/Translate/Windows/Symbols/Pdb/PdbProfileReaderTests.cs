using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>The profile built from the kernel-like fixture: the KernelFields names it has, with the PDB as source.</summary>
public class PdbProfileReaderTests
{
    private const string Source = "PDB kernel-with-publics.pdb";

    private static KernelProfile Profile() => PdbProfileReader.Read(PdbFixtures.Kernel(), Source);

    [Test]
    public void Identity()
    {
        var p = Profile();
        Assert.That(p.PdbId, Is.EqualTo(PdbFixtures.KernelId));
        Assert.That(p.Build, Is.Null);
    }

    [Test]
    public void Offsets()
    {
        var expected = new Dictionary<string, int>
        {
            ["_KPROCESS.DirectoryTableBase"] = 0x28, ["_KPROCESS.UserDirectoryTableBase"] = 0x388,
            ["_EPROCESS.UniqueProcessId"] = 0x440, ["_EPROCESS.ActiveProcessLinks"] = 0x448, ["_EPROCESS.CreateTime"] = 0x468,
            ["_EPROCESS.InheritedFromUniqueProcessId"] = 0x540, ["_EPROCESS.ObjectTable"] = 0x570, ["_EPROCESS.Peb"] = 0x550,
            ["_EPROCESS.ImageFileName"] = 0x5A8, ["_EPROCESS.VadRoot"] = 0x7D8, ["_EPROCESS.ExitStatus"] = 0x7D4,
            ["_EPROCESS.ThreadListHead"] = 0x5E0, ["_EPROCESS.ActiveThreads"] = 0x5F0,
            ["_MMVAD_SHORT.StartingVpn"] = 0x18, ["_MMVAD_SHORT.EndingVpn"] = 0x1C, ["_MMVAD_SHORT.StartingVpnHigh"] = 0x20,
            ["_MMVAD_SHORT.EndingVpnHigh"] = 0x21, ["_MMVAD_SHORT.u"] = 0x30, ["_MMVAD_SHORT.u1"] = 0x34, ["_MMVAD_SHORT.VadNode"] = 0,
            ["_MMVAD.Subsection"] = 0x48, ["_MMVAD.FirstPrototypePte"] = 0x50, ["_MMVAD.LastContiguousPte"] = 0x58, ["_MMVAD.u2"] = 0x40,
            ["_RTL_BALANCED_NODE.Left"] = 0, ["_RTL_BALANCED_NODE.Right"] = 8,
            ["_MI_SYSTEM_INFORMATION.Hardware"] = 0x9000, ["_MI_HARDWARE_STATE.InvalidPteMask"] = 0x50,
        };
        var p = Profile();
        Assert.That(p.Offsets.ToDictionary(kv => kv.Key, kv => kv.Value.Value), Is.EquivalentTo(expected));
        Assert.That(p.Offsets.Values.Select(v => v.Source).Distinct(), Is.EqualTo(new[] { Source }));
        Assert.That(p.Offsets.Keys, Is.SubsetOf(KernelFields.Offsets));
        Assert.That(p.Offset("_EPROCESS.WoW64Process"), Is.Null, "not in the fixture");
        Assert.That(p.Require("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
    }

    [Test]
    public void Bits()
    {
        var p = Profile();
        Assert.That(p.Bits.ToDictionary(kv => kv.Key, kv => kv.Value.Value), Is.EquivalentTo(new Dictionary<string, BitField>
        {
            ["_MMVAD_FLAGS.VadType"] = new(4, 3), ["_MMVAD_FLAGS.Protection"] = new(7, 5), ["_MMVAD_FLAGS.PrivateMemory"] = new(20, 1),
            ["_MMVAD_FLAGS1.MemCommit"] = new(31, 1), ["_MMVAD_FLAGS1.CommitCharge"] = new(0, 31),
        }));
        Assert.That(p.Bit("_MMVAD_FLAGS.MemCommit"), Is.Null, "19041 moved MemCommit to _MMVAD_FLAGS1");
    }

    [Test]
    public void SizesAndRvas()
    {
        var p = Profile();
        Assert.That(p.Sizes.ToDictionary(kv => kv.Key, kv => kv.Value.Value), Is.EquivalentTo(new Dictionary<string, int>
        {
            ["_EPROCESS"] = 0xA40, ["_MMVAD_SHORT"] = 0x40, ["_MMVAD"] = 0x88,
        }));
        Assert.That(p.Rvas.ToDictionary(kv => kv.Key, kv => kv.Value.Value), Is.EquivalentTo(new Dictionary<string, ulong>
        {
            ["PsActiveProcessHead"] = 0xC1E200, ["PsLoadedModuleList"] = 0xC2A390, ["KdDebuggerDataBlock"] = 0xC00B20,
            ["MmPfnDatabase"] = 0xCFC500, ["PsInitialSystemProcess"] = 0xC1F3C0, ["NtBuildNumber"] = 0xD00040,
        }));
        Assert.That(p.Rvas["PsActiveProcessHead"].Source, Is.EqualTo(Source));
    }

    [Test]
    public void X86DecoratedNames()
    {
        var pdb = PdbFile.Parse("x86.pdb", PdbFixtures.KernelWithPublics(PdbProfileReader.MachineI386,
            [("_PsActiveProcessHead", 2, 0x100, 0), ("PsLoadedModuleList", 2, 0x200, 0)]));
        var p = PdbProfileReader.Read(pdb, "x86");
        Assert.That(p.Rva("PsActiveProcessHead"), Is.EqualTo(0xC00100));
        Assert.That(p.Rva("PsLoadedModuleList"), Is.EqualTo(0xC00200));
        var x64 = PdbProfileReader.Read(PdbFile.Parse("x64.pdb", PdbFixtures.KernelWithPublics(0x8664, [("_PsActiveProcessHead", 2, 0x100, 0)])), "x64");
        Assert.That(x64.Rva("PsActiveProcessHead"), Is.Null, "x64 names are not decorated");
    }

    [Test]
    public void RealDriverPdbFillsNothingItLacks()
    {
        var pdb = PdbFile.Open(MemFs.Tests.Support.SharedData.Require(PdbFixtures.Amdppm));
        var p = PdbProfileReader.Read(pdb, "amdppm");
        Assert.That(p.PdbId, Is.EqualTo("1C19FDDB27BB3399D9B45973EFEAFCF31"));
        Assert.That(p.Rvas, Is.Empty);
        Assert.That(p.Bits, Is.Empty);
    }
}
