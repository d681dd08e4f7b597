using MemFs.Mount;
using MemFs.Mount.Fuse;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>The host <c>memfs mount</c> gets, carrying the thread count and the mounted callback it sets.</summary>
public class MountHostFactoryTests
{
    private static readonly Action<string> Mounted = _ => { };

    [Test]
    public void LinuxGetsFuse()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the FUSE host is chosen on Linux only");
        var host = (FuseHost)MountHostFactory.Create(4, Mounted);
        Assert.That((host.MaxThreads, host.Mounted), Is.EqualTo((4u, Mounted)));
        Assert.That(MountHostFactory.UnmountHint("/mnt/m"), Is.EqualTo("'fusermount3 -u /mnt/m' unmounts."));
    }

    [Test]
    public void WindowsGetsWinFsp()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Ignore("the WinFsp host is chosen on Windows only");
            return;
        }
        var host = (WinFspHost)MountHostFactory.Create(4, Mounted);
        Assert.That((host.MaxThreads, host.Mounted), Is.EqualTo((4u, Mounted)));
        Assert.That(MountHostFactory.UnmountHint(@"M:"), Is.EqualTo("Ctrl-C unmounts."));
    }

    [Test]
    public void OtherSystemsCannotMount()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Assert.Ignore("this OS has a host");
        Assert.That(() => MountHostFactory.Create(4, null), Throws.TypeOf<PlatformNotSupportedException>());
    }
}
