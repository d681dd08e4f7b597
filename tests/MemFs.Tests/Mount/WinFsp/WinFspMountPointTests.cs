using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

public class WinFspMountPointTests
{
    [Test]
    public void DriveLettersAndAnyDrive()
    {
        Assert.That(WinFspMountPoint.Resolve("m:"), Is.EqualTo("M:"));
        Assert.That(WinFspMountPoint.Resolve(@"M:\"), Is.EqualTo("M:"));
        Assert.That(WinFspMountPoint.Resolve("*"), Is.EqualTo("*:"));
        Assert.That(WinFspMountPoint.Resolve("*:"), Is.EqualTo("*:"));
        Assert.That(WinFspMountPoint.IsDrive(@"M:\x"), Is.False);
        Assert.That(WinFspMountPoint.IsDrive("1:"), Is.False);
    }

    [Test]
    public void DirectoriesMustNotExistYetButTheirParentMust()
    {
        var parent = Directory.CreateTempSubdirectory("memfs-winfsp-").FullName;
        try
        {
            var target = Path.Combine(parent, "mnt");
            Assert.That(WinFspMountPoint.Resolve(target), Is.EqualTo(target));
            Directory.CreateDirectory(target);
            Assert.That(() => WinFspMountPoint.Resolve(target), Throws.TypeOf<WinFspMountException>().With.Message.Contains("does not exist yet"));
            Assert.That(() => WinFspMountPoint.Resolve(Path.Combine(parent, "no", "mnt")),
                Throws.TypeOf<WinFspMountException>().With.Message.Contains("parent directory"));
        }
        finally
        {
            Directory.Delete(parent, true);
        }
    }
}
