using System.Security.Cryptography;
using MemFs.Aff4;
using MemFs.Tests.Aff4.Reference;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files;

public class Aff4AcquiredFilesTests
{
    private const string File = "synthetic/synthetic-winpmem33-caff4.aff4";

    [TestCase(@"C:\Windows\SysNative\ntoskrnl.exe", @"C:\Windows\SysNative\ntoskrnl.exe")]
    [TestCase(@"\Windows\System32\ntoskrnl.exe", @"C:\Windows\SysNative\ntoskrnl.exe")]
    [TestCase(@"\SystemRoot\system32\NTOSKRNL.EXE", @"C:\Windows\SysNative\ntoskrnl.exe")]
    [TestCase(@"\Device\HarddiskVolume4\Windows\System32\drivers\ACPI.sys", @"C:\Windows\SysNative\drivers\acpi.sys")]
    public void AcquiredFilesAreFoundByTheKernelsNames(string path, string acquiredAs)
    {
        var expected = ExpectedValues.For(File).GetProperty("files").GetProperty(acquiredAs);
        using var image = Aff4Image.Open(ExpectedValues.PathOf(File));
        var files = new Aff4AcquiredFiles(image);
        using var source = files.Open(path);
        Assert.That(source, Is.Not.Null);
        Assert.That(source!.Name, Is.EqualTo(expected.GetProperty("urn").GetString()));
        Assert.That(source.Length, Is.EqualTo(expected.GetProperty("size").GetInt64()));
        Assert.That(Sha256(source), Is.EqualTo(expected.GetProperty("sha256").GetString()));
        Assert.That(files.Description, Does.StartWith("AFF4 acquired files").And.Contains("synthetic-winpmem33-caff4.aff4"));
    }

    [TestCase(@"\Windows\System32\kernel32.dll")]
    [TestCase(@"\Device\Mup\server\share\Windows\SysNative\ntoskrnl.exe")]
    public void OtherFilesAreNotServed(string path)
    {
        using var image = Aff4Image.Open(ExpectedValues.PathOf(File));
        Assert.That(new Aff4AcquiredFiles(image).Open(path), Is.Null);
    }

    internal static string Sha256(IByteSource source)
    {
        var bytes = new byte[source.Length];
        Assert.That(source.Read(0, bytes), Is.EqualTo(bytes.Length));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
