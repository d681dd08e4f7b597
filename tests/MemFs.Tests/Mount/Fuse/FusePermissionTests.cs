using MemFs.Mount;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

public class FusePermissionTests
{
    [TestCase(false, TestName = "OnlyTheMountingUserGetsInWithoutAllowOther")]
    [TestCase(true, TestName = "AllowOtherLetsOtherUsersRead")]
    public void OtherUsers(bool allowOther)
    {
        if (!Environment.IsPrivilegedProcess) Assert.Ignore("needs root to run a command as another user");
        using var mount = TestMount.Start(options: new MountOptions(AllowOther: allowOther));
        var cat = Shell.Run("runuser", "-u", "nobody", "--", "cat", mount["README.txt"]);
        if (allowOther)
        {
            Assert.That(cat.ExitCode, Is.Zero, cat.Stderr);
            Assert.That(cat.Stdout, Is.EqualTo(TestTree.ReadmeText));
        }
        else
        {
            Assert.That(cat.ExitCode, Is.Not.Zero);
            Assert.That(cat.Stderr, Does.Contain("Permission denied"));
        }
    }
}
