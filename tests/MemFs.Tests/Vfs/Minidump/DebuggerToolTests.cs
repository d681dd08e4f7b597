using System.Globalization;
using System.Text.RegularExpressions;
using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Support;
using MemFs.Tests.Vfs.LoaderLists;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// The demo explorer.exe's minidump.dmp through real tools: LLVM's obj2yaml parses every stream, and lldb-14 loads
/// it as a core, lists its modules and reads the same bytes as vmem at a virtual address; both show a module's
/// CodeView record and VS_FIXEDFILEINFO as built.
/// </summary>
[NonParallelizable]
public class DebuggerToolTests
{
    private const int Pid = 4312;

    [Test]
    public void Obj2yamlParsesEveryStream()
    {
        var obj2yaml = Tool("obj2yaml");
        using var tree = SessionTree.Demo();
        var path = Write(tree);
        var result = Shell.Run(obj2yaml, path);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        foreach (var stream in new[] { "SystemInfo", "MiscInfo", "ThreadList", "ModuleList", "MemoryInfoList", "Memory64List" })
            Assert.That(result.Stdout, Does.Contain($"Type:            {stream}"), stream);
        Assert.That(result.Stdout, Does.Contain("Processor Arch:  AMD64").And.Contain("Platform ID:     Win32NT").And.Contain("Build Number:    19041"));
        Assert.That(result.Stdout, Does.Contain(@"Module Name:     '\Windows\System32\ntdll.dll'"));
        File.Delete(path);
    }

    [Test]
    public void LldbListsTheModulesAndReadsTheBytesVmemGives()
    {
        var lldb = Tool("lldb-14");
        using var tree = SessionTree.Demo();
        var path = Write(tree);
        var view = tree.View(Pid);
        var ntdll = view.Images.Single(i => i.Name.Equals("ntdll.dll", StringComparison.OrdinalIgnoreCase)).Base;
        var result = Shell.Run(TimeSpan.FromSeconds(120), lldb, "--no-lldbinit", "-b", "-c", path,
            "-o", "image list", "-o", $"memory read --force -c 64 0x{ntdll:X}");
        Assert.That(result.ExitCode, Is.Zero, result.Stdout + result.Stderr);
        foreach (var image in view.Images)
            Assert.That(result.Stdout, Does.Contain($"0x{image.Base:x16} ").And.Contain(image.Name), image.Name);
        var read = Regex.Matches(result.Stdout, @"^0x[0-9a-f]+: ((?:[0-9a-f]{2} ){16})", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(h => byte.Parse(h, NumberStyles.HexNumber)).ToArray();
        var expected = new byte[64];
        view.Read((long)ntdll, expected);
        Assert.That(read, Is.EqualTo(expected), result.Stdout);
        Assert.That(expected.Take(2), Is.EqualTo("MZ"u8.ToArray()));
        File.Delete(path);
    }

    [Test]
    public void LldbListsTheThreadsOfTheKernelsThreadList()
    {
        var lldb = Tool("lldb-14");
        using var image = new MemFs.Tests.Mount.Cli.SyntheticWindowsRaw();
        Assume.That(image.ExplorerThreads, Is.Not.Empty, "the profile has thread members");
        using var tree = new SessionTree(new MemFs.Vfs.Session.EvidenceOptions(image.Raw) { CacheBytes = 16L << 20 });
        var path = Path.Combine(Path.GetTempPath(), $"memfs-minidump-{Guid.NewGuid():N}.dmp");
        File.WriteAllBytes(path, tree.Bytes(image.ExplorerDirectory + "/minidump.dmp"));
        var result = Shell.Run(TimeSpan.FromSeconds(120), lldb, "--no-lldbinit", "-b", "-c", path, "-o", "thread list");
        Assert.That(result.ExitCode, Is.Zero, result.Stdout + result.Stderr);
        foreach (var thread in image.ExplorerThreads)
            Assert.That(result.Stdout, Does.Contain($"tid = 0x{thread.Tid:x}"), result.Stdout);
        File.Delete(path);
    }

    [Test]
    public void Obj2yamlAndLldbShowNtdllsCodeViewRecordAndVersionInfo()
    {
        var obj2yaml = Tool("obj2yaml");
        var lldb = Tool("lldb-14");
        using var built = new HiddenModulesProcess();
        using var tree = new SessionTree(new MemFs.Vfs.Session.EvidenceOptions(built.Raw) { CacheBytes = 16L << 20 });
        var path = Path.Combine(Path.GetTempPath(), $"memfs-minidump-{Guid.NewGuid():N}.dmp");
        File.WriteAllBytes(path, tree.Bytes(HiddenModulesProcess.ProcessDirectory + "/minidump.dmp"));
        var yaml = Shell.Run(obj2yaml, path);
        var image = Shell.Run(TimeSpan.FromSeconds(120), lldb, "--no-lldbinit", "-b", "-c", path, "-o", "image list");
        File.Delete(path);
        Assert.That(yaml.ExitCode, Is.Zero, yaml.Stderr);
        Assert.That(image.ExitCode, Is.Zero, image.Stdout + image.Stderr);

        // obj2yaml prints VS_FIXEDFILEINFO's members that are not zero and the CvRecord's bytes in hex.
        var truth = HiddenModulesProcess.NtdllIdentity;
        var v = truth.FixedFileInfo;
        var record = "RSDS"u8.ToArray().Concat(truth.Guid.ToByteArray()).Concat(BitConverter.GetBytes(truth.Age)).Concat(System.Text.Encoding.ASCII.GetBytes(truth.PdbName + "\0"));
        var ntdll = yaml.Stdout[yaml.Stdout.IndexOf(@"Module Name:     '\Windows\System32\ntdll.dll'", StringComparison.Ordinal)..];
        ntdll = ntdll[..ntdll.IndexOf("- Base of Image", StringComparison.Ordinal)];
        Assert.That(ntdll, Does.Contain($"Version Info:\n          Signature:       0x{v[0]:X}\n          Struct Version:  0x{v[1]:X}\n" +
            $"          File Version High: 0x{v[2]:X}\n          File Version Low: 0x{v[3]:X}\n          Product Version High: 0x{v[4]:X}\n" +
            $"          Product Version Low: 0x{v[5]:X}\n          File Flags Mask: 0x{v[6]:X}\n          File OS:         0x{v[8]:X}\n"));
        Assert.That(ntdll, Does.Contain($"CodeView Record: {Convert.ToHexString(record.ToArray())}\n"));
        Assert.That(Regex.Matches(yaml.Stdout, "^        Version Info:", RegexOptions.Multiline), Has.Count.EqualTo(1), "only ntdll.dll has a version resource");
        Assert.That(Regex.Matches(yaml.Stdout, "^        CodeView Record: ''", RegexOptions.Multiline), Has.Count.EqualTo(HiddenModulesProcess.Truth.Length - 1));

        // lldb-14 names the module by the RSDS GUID (as Guid prints it) and the age.
        Assert.That(image.Stdout, Does.Contain($"{truth.Guid.ToString().ToUpperInvariant()}-{truth.Age:X8} 0x{HiddenModulesProcess.NtdllBase:x16} \\Windows\\System32\\ntdll.dll"));
        Assert.That(image.Stdout, Does.Match($@"\]\s+0x{HiddenModulesProcess.Kernel32Base:x16} "), "no UUID without a CodeView record");
    }

    private static string Write(SessionTree tree)
    {
        var path = Path.Combine(Path.GetTempPath(), $"memfs-minidump-{Guid.NewGuid():N}.dmp");
        File.WriteAllBytes(path, tree.Bytes($"/processes/{Pid}-explorer.exe/minidump.dmp"));
        return path;
    }

    private static string Tool(string name)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (found is not null) return found;
        var message = $"{name} is not installed (apt-get install {(name == "obj2yaml" ? "llvm" : "lldb-14")})";
        if (SharedData.IsCi) Assert.Fail(message);
        else Assert.Ignore(message);
        return "";
    }
}
