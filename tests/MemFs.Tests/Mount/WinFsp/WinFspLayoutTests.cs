using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>
/// The structures WinFsp shares with us, against its headers (winfsp/winfsp at "build: version 2026 Beta2"):
/// inc/winfsp/fsctl.h for FSP_FSCTL_VOLUME_PARAMS (static-asserted 504, V0 part 456), FSP_FSCTL_VOLUME_INFO (88),
/// FSP_FSCTL_FILE_INFO (72) and FSP_FSCTL_DIR_INFO (104); inc/winfsp/winfsp.h for FSP_FILE_SYSTEM_INTERFACE (64
/// pointers) and FSP_FILE_SYSTEM (UINT16 Version, then PVOID UserContext). Offsets follow C layout rules for the field
/// list in the header; the test machine is 64-bit, as WinFsp's x64 and ARM64 DLLs are.
/// </summary>
public class WinFspLayoutTests
{
    [Test]
    public void VolumeParamsIs504BytesWithTheHeaderOffsets()
    {
        Assert.That(Unsafe.SizeOf<FspVolumeParams>(), Is.EqualTo(504));
        Assert.That(Marshal.SizeOf<FspVolumeParams>(), Is.EqualTo(504));
        AssertOffsets<FspVolumeParams>(new()
        {
            [nameof(FspVolumeParams.Version)] = 0,
            [nameof(FspVolumeParams.SectorSize)] = 2,
            [nameof(FspVolumeParams.SectorsPerAllocationUnit)] = 4,
            [nameof(FspVolumeParams.MaxComponentLength)] = 6,
            [nameof(FspVolumeParams.VolumeCreationTime)] = 8,
            [nameof(FspVolumeParams.VolumeSerialNumber)] = 16,
            [nameof(FspVolumeParams.TransactTimeout)] = 20,
            [nameof(FspVolumeParams.IrpTimeout)] = 24,
            [nameof(FspVolumeParams.IrpCapacity)] = 28,
            [nameof(FspVolumeParams.FileInfoTimeout)] = 32,
            [nameof(FspVolumeParams.Flags)] = 36,             // the 32 one-bit fields from CaseSensitiveSearch to KmReservedFlags
            [nameof(FspVolumeParams.Prefix)] = 40,            // WCHAR[192]
            [nameof(FspVolumeParams.FileSystemName)] = 424,   // WCHAR[16], ending the 456-byte V0 part
            [nameof(FspVolumeParams.AdditionalFlags)] = 456,  // VolumeInfoTimeoutValid … KmAdditionalReservedFlags:27
            [nameof(FspVolumeParams.VolumeInfoTimeout)] = 460,
            [nameof(FspVolumeParams.DirInfoTimeout)] = 464,
            [nameof(FspVolumeParams.SecurityTimeout)] = 468,
            [nameof(FspVolumeParams.StreamInfoTimeout)] = 472,
            [nameof(FspVolumeParams.EaTimeout)] = 476,
            [nameof(FspVolumeParams.FsextControlCode)] = 480, // then Reserved32[1], Reserved64[2] to 504
        });
    }

    [Test]
    public void VolumeParamsFlagBitsAreTheBitFieldPositions()
    {
        // MSVC allocates bit-fields from bit 0: CaseSensitiveSearch is bit 0, ReadOnlyVolume the 10th field (bit 9),
        // PassQueryDirectoryFileName the 14th (bit 13), UmFileContextIsUserContext2 the 17th (bit 16).
        Assert.That(FspVolumeParams.CaseSensitiveSearch, Is.EqualTo(1u << 0));
        Assert.That(FspVolumeParams.CasePreservedNames, Is.EqualTo(1u << 1));
        Assert.That(FspVolumeParams.UnicodeOnDisk, Is.EqualTo(1u << 2));
        Assert.That(FspVolumeParams.PersistentAcls, Is.EqualTo(1u << 3));
        Assert.That(FspVolumeParams.ReadOnlyVolume, Is.EqualTo(1u << 9));
        Assert.That(FspVolumeParams.PassQueryDirectoryFileName, Is.EqualTo(1u << 13));
        Assert.That(FspVolumeParams.UmFileContextIsUserContext2, Is.EqualTo(1u << 16));
    }

    [Test]
    public void FileInfoIs72BytesWithTheHeaderOffsets()
    {
        Assert.That(Unsafe.SizeOf<FspFileInfo>(), Is.EqualTo(72));
        Assert.That(Marshal.SizeOf<FspFileInfo>(), Is.EqualTo(72));
        AssertOffsets<FspFileInfo>(new()
        {
            [nameof(FspFileInfo.FileAttributes)] = 0,
            [nameof(FspFileInfo.ReparseTag)] = 4,
            [nameof(FspFileInfo.AllocationSize)] = 8,
            [nameof(FspFileInfo.FileSize)] = 16,
            [nameof(FspFileInfo.CreationTime)] = 24,
            [nameof(FspFileInfo.LastAccessTime)] = 32,
            [nameof(FspFileInfo.LastWriteTime)] = 40,
            [nameof(FspFileInfo.ChangeTime)] = 48,
            [nameof(FspFileInfo.IndexNumber)] = 56,
            [nameof(FspFileInfo.HardLinks)] = 64,
            [nameof(FspFileInfo.EaSize)] = 68,
        });
    }

    [Test]
    public void VolumeInfoIs88BytesWithTheLabelAt18()
    {
        Assert.That(Unsafe.SizeOf<FspVolumeInfo>(), Is.EqualTo(88));
        Assert.That(Marshal.OffsetOf<FspVolumeInfo>(nameof(FspVolumeInfo.FreeSize)).ToInt32(), Is.EqualTo(8));
        Assert.That(Marshal.OffsetOf<FspVolumeInfo>(nameof(FspVolumeInfo.VolumeLabelLength)).ToInt32(), Is.EqualTo(16));
        Assert.That(Marshal.OffsetOf<FspVolumeInfo>(nameof(FspVolumeInfo.VolumeLabel)).ToInt32(), Is.EqualTo(18));
    }

    [Test]
    public void InterfaceIs64PointersWith33NamedSlots()
    {
        Assert.That(Unsafe.SizeOf<FspFileSystemInterface>(), Is.EqualTo(64 * IntPtr.Size));
        Assert.That(FspFileSystemInterface.SlotCount, Is.EqualTo(64));
        Assert.That(FspFileSystemInterface.NamedCount, Is.EqualTo(33));
        // Spot checks of the winfsp.h order: Read is the 9th member, ReadDirectory the 19th, DispatcherStopped the 33rd.
        Assert.That(FspFileSystemInterface.Read, Is.EqualTo(8));
        Assert.That(FspFileSystemInterface.ReadDirectory, Is.EqualTo(18));
        Assert.That(FspFileSystemInterface.GetDirInfoByName, Is.EqualTo(24));
        Assert.That(FspFileSystemInterface.SetDelete, Is.EqualTo(26));
        Assert.That(FspFileSystemInterface.DispatcherStopped, Is.EqualTo(FspFileSystemInterface.NamedCount - 1));
    }

    [Test]
    public void UserContextIsAtOffset8OfTheFileSystem()
    {
        Assert.That(IntPtr.Size, Is.EqualTo(8), "the layout tests assume a 64-bit process");
        Assert.That(Marshal.OffsetOf<FspFileSystem>(nameof(FspFileSystem.UserContext)).ToInt32(), Is.EqualTo(8));
    }

    [Test]
    public void DirInfoHeaderIs104BytesWithFileInfoAt8()
    {
        Assert.That(FspDirInfo.FileInfoOffset, Is.EqualTo(8), "after UINT16 Size, aligned for the UINT64s of FILE_INFO");
        Assert.That(FspDirInfo.NameOffset, Is.EqualTo(8 + 72 + 24), "FILE_INFO then the 24-byte NextOffset/Padding union");
        Assert.That(FspDirInfo.NameOffset, Is.EqualTo(104));
        Assert.That(FspDirInfo.ByNameSize, Is.EqualTo(104 + 255 * 2), "fsop.c gives GetDirInfoByName sizeof(DIR_INFO) + 255 WCHARs");
    }

    private static void AssertOffsets<T>(Dictionary<string, int> expected)
    {
        foreach (var (field, offset) in expected)
            Assert.That(Marshal.OffsetOf<T>(field).ToInt32(), Is.EqualTo(offset), field);
    }
}
