using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

public unsafe class FspVolumeParamsTests
{
    [Test]
    public void VolumeIsReadOnlyCaseSensitiveAndCachedForever()
    {
        var parameters = FspVolumeParams.ReadOnly("memfs", 133_000_000_000_000_000);
        Assert.That(parameters.Version, Is.EqualTo(504), "Version = sizeof: the V1 fields are present");
        Assert.That(parameters.Flags & FspVolumeParams.ReadOnlyVolume, Is.Not.Zero);
        Assert.That(parameters.Flags & FspVolumeParams.CaseSensitiveSearch, Is.Not.Zero, "tree names are case-sensitive");
        Assert.That(parameters.Flags & FspVolumeParams.CasePreservedNames, Is.Not.Zero);
        Assert.That(parameters.Flags & FspVolumeParams.UmFileContextIsUserContext2, Is.Not.Zero, "a context per open");
        Assert.That(parameters.Flags & FspVolumeParams.PassQueryDirectoryFileName, Is.Not.Zero, "GetDirInfoByName is implemented");
        Assert.That(parameters.FileInfoTimeout, Is.EqualTo(uint.MaxValue));
        Assert.That(parameters.SectorSize * parameters.SectorsPerAllocationUnit, Is.EqualTo(FspFileInfo.AllocationUnit));
        Assert.That(parameters.MaxComponentLength, Is.EqualTo(255));
        Assert.That(parameters.VolumeCreationTime, Is.EqualTo(133_000_000_000_000_000UL));
        Assert.That(new string(parameters.FileSystemName), Is.EqualTo("memfs"));
        Assert.That(new string(parameters.Prefix), Is.Empty, "no UNC prefix on a disk volume");
    }

    [Test]
    public void FileSystemNameKeepsItsTerminatingZero()
    {
        var parameters = FspVolumeParams.ReadOnly("a-very-long-file-system-name", 0);
        Assert.That(new string(parameters.FileSystemName), Is.EqualTo("a-very-long-fil"));
        Assert.That(parameters.FileSystemName[FspVolumeParams.FileSystemNameCapacity - 1], Is.EqualTo('\0'));
    }

    [Test]
    public void VolumeInfoCarriesTheLabelInBytes()
    {
        var info = FspVolumeInfo.ReadOnly("memfs");
        Assert.That(info.VolumeLabelLength, Is.EqualTo(10));
        Assert.That(new string(info.VolumeLabel, 0, 5), Is.EqualTo("memfs"));
        Assert.That(FspVolumeInfo.ReadOnly(new string('L', 40)).VolumeLabelLength, Is.EqualTo(64), "32 characters at most");
    }
}
