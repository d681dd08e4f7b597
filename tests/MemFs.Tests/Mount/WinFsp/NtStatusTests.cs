using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

public class NtStatusTests
{
    [Test]
    public void ValuesAreTheNtStatusCodes()
    {
        // ntstatus.h, as WinFsp's src/dotnet/FileSystemBase+Const.cs repeats them.
        Assert.That(NtStatus.EndOfFile, Is.EqualTo(unchecked((int)0xC0000011)));
        Assert.That(NtStatus.ObjectNameNotFound, Is.EqualTo(unchecked((int)0xC0000034)));
        Assert.That(NtStatus.ObjectPathNotFound, Is.EqualTo(unchecked((int)0xC000003A)));
        Assert.That(NtStatus.MediaWriteProtected, Is.EqualTo(unchecked((int)0xC00000A2)));
        Assert.That(NtStatus.FileIsADirectory, Is.EqualTo(unchecked((int)0xC00000BA)));
        Assert.That(NtStatus.NotADirectory, Is.EqualTo(unchecked((int)0xC0000103)));
        Assert.That(NtStatus.IoDeviceError, Is.EqualTo(unchecked((int)0xC0000185)));
        Assert.That(NtStatus.BufferOverflow, Is.EqualTo(unchecked((int)0x80000005)));
    }

    [Test]
    public void ExceptionsMapLikeFuseEio()
    {
        Assert.That(NtStatus.FromException(new IOException("page not in the image")), Is.EqualTo(NtStatus.IoDeviceError));
        Assert.That(NtStatus.FromException(new InvalidOperationException("a bug")), Is.EqualTo(NtStatus.IoDeviceError));
        Assert.That(NtStatus.FromException(new OutOfMemoryException()), Is.EqualTo(NtStatus.InsufficientResources));
    }

    [Test]
    public void SuccessIsNtSuccess()
    {
        Assert.That(NtStatus.IsSuccess(NtStatus.Success), Is.True);
        Assert.That(NtStatus.IsSuccess(NtStatus.BufferOverflow), Is.False, "a warning (severity 2) is not NT_SUCCESS");
        Assert.That(NtStatus.IsSuccess(NtStatus.EndOfFile), Is.False);
        Assert.That(NtStatus.Describe(NtStatus.EndOfFile), Is.EqualTo("NTSTATUS 0xC0000011"));
    }
}
