using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Executables;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>Which images a process or the kernel has, and which file on disk each one is compared with.</summary>
public class LoadedImageTests
{
    [TestCase(@"\SystemRoot\system32\ntoskrnl.exe", @"\Windows\system32\ntoskrnl.exe")]
    [TestCase(@"\??\C:\Program Files\Vendor\drv.sys", @"\Program Files\Vendor\drv.sys")]
    [TestCase(@"\Windows\System32\drivers\x.sys", @"\Windows\System32\drivers\x.sys")]
    [TestCase("", null)]
    public void KernelModulePathsBecomeTheKernelsFilePaths(string fullName, string? expected) =>
        Assert.That(LoadedImage.KernelFilePath(fullName), Is.EqualTo(expected));

    [Test]
    public void LoaderListFirstThenImageVadsItDoesNotName()
    {
        VadDescriptor Image(ulong start, string file) => new(start, start + 0xFFFF, false, false, 7, 0, 0, 0, file, Kind: "Vad VadImageMap");
        var vads = new[] { Image(0x10000, @"\Windows\a.exe"), Image(0x7FF0_0000, @"\Windows\System32\hidden.dll"),
            new VadDescriptor(0x20000, 0x2FFFF, true, true, 4, 0, 0, 0, null, Kind: "VadS") };
        var modules = new[]
        {
            new LoaderModule(new ModuleInfo(0x10000, 0x10000, @"C:\Windows\a.exe", "a.exe", 0), LoaderListMembership.InLoadOrder),
            new LoaderModule(new ModuleInfo(0x10000, 0x10000, @"C:\Windows\a.exe", "a.exe", 0x100), LoaderListMembership.InMemoryOrder),
        };

        var images = LoadedImage.Of(modules, vads);

        Assert.That(images.Select(i => (i.Name, i.Base, i.Lists, i.DiskPath)), Is.EqualTo(new[]
        {
            ("a.exe", 0x10000UL, LoaderListMembership.InLoadOrder | LoaderListMembership.InMemoryOrder, @"\Windows\a.exe"),
            ("hidden.dll", 0x7FF0_0000UL, LoaderListMembership.None, @"\Windows\System32\hidden.dll"),
        }));
    }
}
