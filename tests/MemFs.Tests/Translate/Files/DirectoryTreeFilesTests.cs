using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files;

public class DirectoryTreeFilesTests
{
    private static readonly byte[] Ntdll = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
    private static readonly byte[] Secret = "outside the tree"u8.ToArray();

    private TempDirectory _temp = null!;
    private string _root = null!;
    private string _ntdllPath = null!;

    [SetUp]
    public void CreateTree()
    {
        _temp = new TempDirectory();
        _root = Path.Combine(_temp.Path, "c");
        _ntdllPath = _temp.Write("c/wINDOWS/SyStEm32/NtDll.DLL", Ntdll);
        _temp.Write("c/wINDOWS/SyStEm32/drivers/acpi.sys", [1, 2, 3]);
        _temp.Write("outside/secret.txt", Secret);
    }

    [TearDown]
    public void DeleteTree() => _temp.Dispose();

    [TestCase(@"\Windows\System32\ntdll.dll")]
    [TestCase(@"\Device\HarddiskVolume2\WINDOWS\system32\NTDLL.dll")]
    [TestCase(@"C:/Windows/System32/ntdll.dll")]
    [TestCase(@"\SystemRoot\System32\ntdll.dll")]
    [TestCase(@"\??\C:\Windows\System32\ntdll.dll")]
    [TestCase(@"\\?\c:\WINDOWS\SYSTEM32\NTDLL.DLL")]
    public void EverySpellingFindsTheOneFile(string path)
    {
        var files = new DirectoryTreeFiles(_root);
        using var source = files.Open(path);
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.Name, Is.EqualTo(_ntdllPath));
        Assert.That(ReadAll(source), Is.EqualTo(Ntdll));
        Assert.That(files.Description, Is.EqualTo("--files " + _root));
    }

    [TestCase(@"\Windows\System32\kernel32.dll")]
    [TestCase(@"\Windows\System32")]
    [TestCase(@"\Windows\System32\ntdll.dll\x")]
    [TestCase(@"\Nowhere\ntdll.dll")]
    [TestCase(@"\Device\Mup\server\share\Windows\System32\ntdll.dll")]
    public void MissingFilesDirectoriesAndNetworkPathsAreNotServed(string path)
    {
        Assert.That(new DirectoryTreeFiles(_root).Open(path), Is.Null);
    }

    [TestCase(@"\..\outside\secret.txt")]
    [TestCase(@"\Windows\..\..\outside\secret.txt")]
    [TestCase(@"C:\..\outside\secret.txt")]
    public void DotDotNeverLeavesTheTree(string path)
    {
        Assert.That(new DirectoryTreeFiles(_root).Open(path), Is.Null);
    }

    [Test]
    public void SymbolicLinksLeadingOutsideAreRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "wINDOWS", "escape"), Path.Combine("..", "..", "outside"));
        File.CreateSymbolicLink(Path.Combine(_root, "wINDOWS", "secret.txt"), Path.Combine(_temp.Path, "outside", "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "Loop"), Path.Combine(_root, "Loop"));
        var files = new DirectoryTreeFiles(_root);
        Assert.That(files.Open(@"\Windows\escape\secret.txt"), Is.Null);
        Assert.That(files.Open(@"\Windows\secret.txt"), Is.Null);
        Assert.That(files.Open(@"\Loop\x"), Is.Null);
    }

    [Test]
    public void SymbolicLinksInsideTheTreeAreFollowed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "SysAlias"), Path.Combine("wINDOWS", "SyStEm32"));
        File.CreateSymbolicLink(Path.Combine(_root, "wINDOWS", "ntdll-link.dll"), _ntdllPath);
        var files = new DirectoryTreeFiles(_root);
        using var viaDirectory = files.Open(@"\sysalias\NTDLL.dll");
        using var viaFile = files.Open(@"\Windows\NTDLL-LINK.DLL");
        Assert.That(viaDirectory?.Name, Is.EqualTo(_ntdllPath));
        Assert.That(viaFile?.Name, Is.EqualTo(_ntdllPath));
    }

    [Test]
    public void SeveralCasesOfOneNameResolveToTheFirstInOrdinalOrder()
    {
        _temp.Write("c/wINDOWS/SyStEm32/ntdll.dll", [9]);
        using var source = new DirectoryTreeFiles(_root).Open(@"\Windows\System32\ntdll.dll");
        Assert.That(source!.Name, Is.EqualTo(Path.Combine(_root, "wINDOWS", "SyStEm32", "NtDll.DLL")));
    }

    [Test]
    public void AMissingDirectoryIsRefusedAtOnce()
    {
        Assert.That(() => new DirectoryTreeFiles(Path.Combine(_temp.Path, "none")), Throws.InstanceOf<DirectoryNotFoundException>().With.Message.Contains("--files"));
    }

    private static byte[] ReadAll(IByteSource source)
    {
        var bytes = new byte[source.Length];
        Assert.That(source.Read(0, bytes), Is.EqualTo(bytes.Length));
        return bytes;
    }
}
