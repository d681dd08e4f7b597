using System.Runtime.InteropServices;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>The write slots of the interface, called through the table as WinFsp calls them.</summary>
public unsafe class WriteRefusalsTests
{
    private static readonly int[] WriteSlots =
    [
        FspFileSystemInterface.SetVolumeLabel, FspFileSystemInterface.Create, FspFileSystemInterface.Overwrite,
        FspFileSystemInterface.Write, FspFileSystemInterface.SetBasicInfo, FspFileSystemInterface.SetFileSize,
        FspFileSystemInterface.Rename, FspFileSystemInterface.SetSecurity, FspFileSystemInterface.SetDelete,
    ];

    [Test]
    public void EveryWriteIsRefusedAsWriteProtected()
    {
        var table = (FspFileSystemInterface*)NativeMemory.AllocZeroed((nuint)sizeof(FspFileSystemInterface));
        try
        {
            WriteRefusals.Install(table);
            var slots = *table;
            for (var i = 0; i < FspFileSystemInterface.SlotCount; i++)
                Assert.That(slots[i] != 0, Is.EqualTo(WriteSlots.Contains(i)), $"slot {i}");

            var name = stackalloc char[] { '\\', 'x', '\0' };
            FspFileInfo info;
            nint context;
            uint transferred;
            var create = (delegate* unmanaged[Cdecl]<nint, char*, uint, uint, uint, void*, ulong, nint*, FspFileInfo*, int>)slots[FspFileSystemInterface.Create];
            Assert.That(create(0, name, 0, 0, 0, null, 0, &context, &info), Is.EqualTo(NtStatus.MediaWriteProtected));
            var write = (delegate* unmanaged[Cdecl]<nint, nint, void*, ulong, uint, byte, byte, uint*, FspFileInfo*, int>)slots[FspFileSystemInterface.Write];
            Assert.That(write(0, 1, null, 0, 0, 0, 0, &transferred, &info), Is.EqualTo(NtStatus.MediaWriteProtected));
            var rename = (delegate* unmanaged[Cdecl]<nint, nint, char*, char*, byte, int>)slots[FspFileSystemInterface.Rename];
            Assert.That(rename(0, 1, name, name, 1), Is.EqualTo(NtStatus.MediaWriteProtected));
            var setDelete = (delegate* unmanaged[Cdecl]<nint, nint, char*, byte, int>)slots[FspFileSystemInterface.SetDelete];
            Assert.That(setDelete(0, 1, name, 1), Is.EqualTo(NtStatus.MediaWriteProtected));
            Assert.That(setDelete(0, 1, name, 0), Is.EqualTo(NtStatus.Success), "clearing a delete mark that was never set");
        }
        finally
        {
            NativeMemory.Free(table);
        }
    }
}
