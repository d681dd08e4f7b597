using MemFs.Translate.Files;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files;

public class WindowsPathKeyTests
{
    private const string NtdllKey = @"\WINDOWS\SYSTEM32\NTDLL.DLL";

    [TestCase(@"\Windows\System32\ntdll.dll")]
    [TestCase(@"\Device\HarddiskVolume2\WINDOWS\system32\NTDLL.dll")]
    [TestCase(@"\device\harddiskvolume13\Windows\System32\ntdll.dll")]
    [TestCase(@"C:/Windows/System32/ntdll.dll")]
    [TestCase(@"c:\windows\system32\ntdll.dll")]
    [TestCase(@"\SystemRoot\System32\ntdll.dll")]
    [TestCase(@"%SystemRoot%\System32\ntdll.dll")]
    [TestCase(@"\??\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\DosDevices\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\GLOBAL??\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\\?\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\\.\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\\?\Volume{3b1c5f0e-1d2a-4c1b-9e8f-0123456789ab}\Windows\System32\ntdll.dll")]
    [TestCase(@"\Windows\\System32\.\ntdll.dll")]
    [TestCase(@"Windows\System32\ntdll.dll")]
    [TestCase(" \\Windows\\System32\\ntdll.dll\0")]
    public void EverySpellingOfALocalFileGivesOneKey(string path)
    {
        var key = WindowsPathKey.From(path);
        Assert.That(key, Is.EqualTo(NtdllKey));
        Assert.That(WindowsPathKey.IsLocal(key), Is.True);
        Assert.That(WindowsPathKey.Split(key), Is.EqualTo(new[] { "WINDOWS", "SYSTEM32", "NTDLL.DLL" }));
    }

    [TestCase(@"\Device\Mup\server\share\Windows\System32\ntdll.dll")]
    [TestCase(@"\\server\share\Windows\System32\ntdll.dll")]
    [TestCase(@"\\?\UNC\server\share\Windows\System32\ntdll.dll")]
    [TestCase(@"\??\UNC\Server\Share\Windows\System32\ntdll.dll")]
    [TestCase(@"//server/share/Windows/System32/ntdll.dll")]
    public void NetworkPathsAreOneNonLocalKey(string path)
    {
        var key = WindowsPathKey.From(path);
        Assert.That(key, Is.EqualTo(WindowsPathKey.NonLocalMarker + @"\\SERVER\SHARE\WINDOWS\SYSTEM32\NTDLL.DLL"));
        Assert.That(WindowsPathKey.IsLocal(key), Is.False);
        Assert.That(() => WindowsPathKey.Split(key), Throws.ArgumentException);
    }

    [TestCase(@"\Device\CdRom0\setup.exe")]
    [TestCase(@"\Device\HarddiskVolumeShadowCopy3\Windows\System32\ntdll.dll")]
    [TestCase(@"\Device\NamedPipe\lsass")]
    public void OtherDevicesAreNotLocal(string path)
    {
        var key = WindowsPathKey.From(path);
        Assert.That(WindowsPathKey.IsLocal(key), Is.False);
        Assert.That(key, Is.Not.EqualTo(NtdllKey));
    }

    [Test]
    public void DotDotIsKeptForProvidersToRefuse()
    {
        Assert.That(WindowsPathKey.From(@"\Windows\..\..\etc\passwd"), Is.EqualTo(@"\WINDOWS\..\..\ETC\PASSWD"));
    }

    [Test]
    public void SystemRootIsOnlyAWholeLeadingComponent()
    {
        Assert.That(WindowsPathKey.From(@"\SystemRootX\a.dll"), Is.EqualTo(@"\SYSTEMROOTX\A.DLL"));
        Assert.That(WindowsPathKey.From(@"\SystemRoot"), Is.EqualTo(@"\WINDOWS"));
        Assert.That(WindowsPathKey.From(@"C:\"), Is.EqualTo(@"\"));
    }

    [Test]
    public void CaseFoldsBeyondAscii()
    {
        Assert.That(WindowsPathKey.From(@"\Users\jürgen\Ärger.txt"), Is.EqualTo(WindowsPathKey.From(@"\USERS\JÜRGEN\ärger.TXT")));
    }
}
