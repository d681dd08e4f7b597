using System.Runtime.InteropServices;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

public class WinFspDllTests
{
    [Test]
    public void DllIsNamedByProcessArchitecture()
    {
        Assert.That(WinFspDll.NameFor(Architecture.X64), Is.EqualTo("winfsp-x64.dll"));
        Assert.That(WinFspDll.NameFor(Architecture.Arm64), Is.EqualTo("winfsp-a64.dll"));
        Assert.That(WinFspDll.NameFor(Architecture.X86), Is.EqualTo("winfsp-x86.dll"));
        Assert.That(WinFspDll.NameFor(Architecture.RiscV64), Is.Null);
    }

    [Test]
    public void DllIsUnderTheInstallDirsBin()
    {
        Assert.That(WinFspDll.PathUnder(@"C:\Program Files (x86)\WinFsp\", "winfsp-x64.dll"),
            Is.EqualTo(@"C:\Program Files (x86)\WinFsp\bin\winfsp-x64.dll"));
        Assert.That(WinFspDll.PathUnder(@"D:\WinFsp", "winfsp-a64.dll"), Is.EqualTo(@"D:\WinFsp\bin\winfsp-a64.dll"));
    }

    [Test]
    public void MissingWinFspSaysWhereToGetIt()
    {
        Assert.That(WinFspDll.NotInstalled("winfsp-x64.dll", null),
            Does.StartWith("WinFsp is not installed").And.Contain("https://winfsp.dev/rel/"));
        Assert.That(WinFspDll.NotInstalled("winfsp-x64.dll", @"C:\WinFsp\"),
            Does.Contain(@"C:\WinFsp\bin\winfsp-x64.dll cannot be loaded").And.Contain("https://winfsp.dev/rel/"));
    }
}
