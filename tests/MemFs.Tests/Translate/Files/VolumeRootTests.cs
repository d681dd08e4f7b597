using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files;

/// <summary>
/// File trees as analysts hold them: drive-letter folders (MemFs's own image/files/C/…, collection tools' C%3A/…,
/// uploads/…/C:/…), several drives, or a drive root itself.
/// </summary>
public class VolumeRootTests
{
    private static readonly byte[] Ntdll = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 13))];
    private static readonly byte[] Tool = "a tool on the D: drive"u8.ToArray();

    private TempDirectory _temp = null!;

    [SetUp]
    public void CreateTemp() => _temp = new TempDirectory();

    [TearDown]
    public void DeleteTemp() => _temp.Dispose();

    [TestCase("C")]
    [TestCase("c")]
    [TestCase("C:")]
    [TestCase("C%3A")]
    [TestCase("uploads/auto/C%3A")]
    [TestCase("uploads/ntfs/%5C%5C.%5CC%3A")]
    [TestCase("collection/host/C:")]
    public void ADriveLetterFolderIsAVolumeRoot(string driveFolder)
    {
        var ntdll = _temp.Write(driveFolder + "/Windows/System32/ntdll.dll", Ntdll);
        var files = new DirectoryTreeFiles(_temp.Path);
        using var source = files.Open(@"\Device\HarddiskVolume3\Windows\System32\NTDLL.DLL");
        Assert.That(source?.Name, Is.EqualTo(ntdll));
        Assert.That(ReadAll(source!), Is.EqualTo(Ntdll));
        Assert.That(files.Roots[0].DriveLetter, Is.EqualTo('C'));
        Assert.That(files.Roots[0].HoldsWindows, Is.True);
        Assert.That(files.Description, Does.Contain("volume roots: C: at " + Path.GetDirectoryName(ntdll)![..^"/Windows/System32".Length]));
    }

    [Test]
    public void SeveralDrivesAreEachSearchedTheSystemVolumeFirst()
    {
        _temp.Write("D/Windows/System32/ntdll.dll", [1, 2, 3]);
        var ntdll = _temp.Write("C/Windows/System32/ntdll.dll", Ntdll);
        var tool = _temp.Write("E/Tools/x.exe", Tool);
        var files = new DirectoryTreeFiles(_temp.Path);
        Assert.That(files.Roots.Select(r => r.DriveLetter), Is.EqualTo(new char?[] { 'C', 'D', 'E', null }));
        using var fromC = files.Open(@"\Windows\System32\ntdll.dll");
        using var fromE = files.Open(@"\Device\HarddiskVolume4\Tools\X.EXE");
        Assert.That(fromC?.Name, Is.EqualTo(ntdll));
        Assert.That(fromE?.Name, Is.EqualTo(tool));
        Assert.That(ReadAll(fromE!), Is.EqualTo(Tool));
    }

    [Test]
    public void ADriveRootIsItsOwnOnlyVolumeRoot()
    {
        _temp.Write("Windows/System32/ntdll.dll", Ntdll);
        _temp.Write("Users/x/D/notes.txt", [1]);
        var files = new DirectoryTreeFiles(_temp.Path);
        Assert.That(files.Roots, Has.Count.EqualTo(1));
        Assert.That(files.Roots[0].DriveLetter, Is.Null);
        Assert.That(files.Description, Is.EqualTo("--files " + _temp.Path));
    }

    [Test]
    public void DotDotDoesNotLeaveTheTreeFromADriveFolder()
    {
        _temp.Write("C/Windows/System32/ntdll.dll", Ntdll);
        var files = new DirectoryTreeFiles(Path.Combine(_temp.Path, "C", "Windows"));
        Assert.That(files.Open(@"\..\System32\ntdll.dll"), Is.Null);
        Assert.That(files.Open(@"\System32\..\..\Windows\System32\ntdll.dll"), Is.Null);
    }

    [Test]
    public void TheFileTreeDescriptionNamesTheVolumeRoots()
    {
        _temp.Write("C%3A/Windows/System32/ntdll.dll", Ntdll);
        var described = FileTreeArgument.Describe(_temp.Path);
        Assert.That(described.FoundIn, Does.Contain("1 files").And.Contain("volume roots: C: at"));
    }

    [TestCase("C", 'C')]
    [TestCase("z:", 'Z')]
    [TestCase("C%3A", 'C')]
    [TestCase("c%3a", 'C')]
    [TestCase(@"\\.\C:", 'C')]
    [TestCase("%5C%5C.%5CD%3A", 'D')]
    [TestCase(@"\\?\E:", 'E')]
    [TestCase("CD", null)]
    [TestCase("C::", null)]
    [TestCase("1", null)]
    [TestCase("Windows", null)]
    [TestCase("%ZZ", null)]
    public void DriveLetterSpellings(string name, char? letter)
    {
        Assert.That(VolumeRootLocator.DriveLetterOf(name), Is.EqualTo(letter));
    }

    private static byte[] ReadAll(IByteSource source)
    {
        var bytes = new byte[source.Length];
        Assert.That(source.Read(0, bytes), Is.EqualTo(bytes.Length));
        return bytes;
    }
}
