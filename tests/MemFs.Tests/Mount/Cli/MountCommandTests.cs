using System.Diagnostics;
using System.Text;
using MemFs.Tests.Demo;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>memfs mount</c> of the demo image, read through the kernel with ordinary tools: the tree, vmem and regions
/// against the bytes the demo was built with, vadmap and vtop, grep, cp --sparse, concurrent readers, kill -9.
/// </summary>
[NonParallelizable]
public class MountCommandTests
{
    private DemoSystem _demo = null!;
    private string _directory = "";
    private string _image = "";
    private string _mount = "";

    private string Notepad => Path.Combine(_mount, "processes", $"{NotepadPid}-notepad.exe");

    /// <summary>The region file names the tree gives the two VADs these tests read most (the name is the interface).</summary>
    private const string DocumentRegionName = "0x02115C600000-0x02115C60FFFF-private.bin";
    private const string DemoDllRegionName = "0x7FFB6A200000-0x7FFB6A205FFF-image-demo.dll.bin";

    [OneTimeSetUp]
    public void MountTheDemo()
    {
        FuseRequirement.Require();
        _demo = new DemoSystem();
        _directory = Directory.CreateTempSubdirectory("memfs-mount-").FullName;
        _image = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_image, DemoImageBuilder.Build(_demo));
        _mount = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        var result = MemFsProcess.Run("mount", _image, _mount);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(MountTable.Find(_mount)?.Type, Is.EqualTo("fuse.memfs"), "the command returns once the mount exists");
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        if (_mount != "" && MountTable.Find(_mount) is not null) Shell.Run("fusermount3", "-u", _mount);
        MountTable.WaitUntil(() => MountTable.Find(_mount) is null, TimeSpan.FromSeconds(10));
        if (_directory != "") Directory.Delete(_directory, true);
    }

    /// <summary>A second mount onto the live one must fail and say so, and the first must go on serving.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void MountingOntoALiveMountFails(bool foreground)
    {
        var before = MountTable.Find(_mount);
        var second = foreground ? MemFsProcess.Run("mount", _image, _mount, "--foreground") : MemFsProcess.Run("mount", _image, _mount);
        Assert.That(second.ExitCode, Is.Not.Zero, second.Stderr);
        Assert.That(second.Stderr, Does.Contain($"{_mount} is already mounted (fuse.memfs").And.Contain($"fusermount3 -u {_mount}"));
        Assert.That(second.Stderr, Does.Not.Contain("serving"));
        Assert.That(MountTable.Find(_mount), Is.EqualTo(before), "the first mount is the one in the table");
        Assert.That(File.ReadAllText(Path.Combine(_mount, "README.txt")), Is.Not.Empty, "the first mount still serves");
    }

    [Test]
    public void TheUnlinkedProcessIsFoundByTheScanWithItsMemory()
    {
        var unlinked = Path.Combine(_mount, "unlinked");
        Assert.That(Directory.GetDirectories(unlinked).Select(Path.GetFileName), Is.EqualTo(new[] { $"{MalwarePid}-malware.exe" }));
        var malware = Path.Combine(unlinked, $"{MalwarePid}-malware.exe");
        Assert.That(File.ReadAllText(Path.Combine(malware, "info.txt")), Does.Contain("EPROCESS scan").And.Contain(_demo["malware.exe"].CommandLine));
        var grep = Shell.Run("grep", "-rl", MalwareUrl, Path.Combine(malware, "regions"));
        Assert.That(grep.Stdout.Trim(), Is.EqualTo(Path.Combine(malware, "regions", $"0x{MalwareHeap:X12}-0x{MalwareHeap + 4 * Page - 1:X12}-private.bin")), grep.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(unlinked, "README.txt")), Does.Contain("1 found and placed")
            .And.Match($@"EPROCESS 0x{_demo["malware.exe"].Eprocess:X} \(physical 0x[0-9A-F]+\)"), "named the way 'memfs ps --scan' names it");
    }

    [Test]
    public void KernelModulesAreRecoveredToo()
    {
        var modules = Path.Combine(_mount, "kernel", "modules");
        Assert.That(Directory.GetDirectories(modules).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "demo.sys", "hal.dll", "ntoskrnl.exe" }));
        var demoSys = Path.Combine(modules, "demo.sys");
        Assert.That(File.ReadAllBytes(Path.Combine(demoSys, "executable.exe")), Is.EqualTo(_demo.AcquiredFiles[DemoSysPath]));
        Assert.That(File.ReadAllText(Path.Combine(demoSys, "recovery.txt")), Does.Contain(@"File on disk     \Windows\System32\drivers\demo.sys").And.Contain("Differing byte runs: 0"));
    }

    [Test]
    public void TheTreeListsEveryLinkedProcess()
    {
        var listed = Directory.GetDirectories(Path.Combine(_mount, "processes")).Select(Path.GetFileName).Order().ToArray();
        var expected = _demo.Kernel.Processes.Select(p => $"{p.Pid}-{p.Name}")
            .Concat(_demo.Processes.Where(p => p.Linked).Select(p => $"{p.Pid}-{p.Name}")).Order().ToArray();
        Assert.That(listed, Is.EqualTo(expected));
        Assert.That(Directory.GetFileSystemEntries(Notepad).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "coverage.txt", "executable.exe", "executable.png", "findings.txt", "handles.txt", "info.txt", "ldrmodules.txt", "memory.bin", "minidump.dmp", "modules", "patches.txt", "recovery.png", "recovery.txt", "regions", "threads.txt", "unloaded.txt", "vadmap.txt", "vads.txt", "vmem", "vmem.png", "vtop" }));
        Assert.That(File.ReadAllText(Path.Combine(Notepad, "info.txt")), Does.Contain(_demo["notepad.exe"].CommandLine));
    }

    [Test]
    public void VmemAndTheRegionReadTheDocumentInEveryPageState()
    {
        var expected = DocumentRegion();
        using (var vmem = File.OpenRead(Path.Combine(Notepad, "vmem")))
        {
            var actual = new byte[expected.Length];
            vmem.Seek((long)NotepadDocument, SeekOrigin.Begin);
            vmem.ReadExactly(actual);
            Assert.That(actual, Is.EqualTo(expected), "vmem at the document's virtual address");
        }
        var region = Path.Combine(Notepad, "regions", DocumentRegionName);
        Assert.That(File.ReadAllBytes(region), Is.EqualTo(expected), "the document's region file");
    }

    [TestCase("notepad.exe")]
    [TestCase("explorer.exe")]
    public void DemoDllReadsAsTheAcquiredFile(string process)
    {
        var pid = _demo[process].Pid;
        var region = Path.Combine(_mount, "processes", $"{pid}-{process}", "regions", DemoDllRegionName);
        Assert.That(File.ReadAllBytes(region), Is.EqualTo(_demo.DemoDllBytes.AsSpan(0, DemoDllPages * Page).ToArray()));
    }

    [Test]
    public void VadmapAndVtopSayWhereEveryPageIs()
    {
        var vadmap = File.ReadAllText(Path.Combine(Notepad, "vadmap.txt"));
        Assert.That(vadmap, Does.Contain($"0x{NotepadDocument + 2 * Page:X16} 0x{NotepadDocument + 5 * Page - 1:X16}        3  Pagefile 0 @ 0x1000"));
        Assert.That(vadmap, Does.Contain($"0x{NotepadDocument + 5 * Page:X16} 0x{NotepadDocument + 7 * Page - 1:X16}        2  Transition PhysAS @ 0x"));
        Assert.That(vadmap, Does.Contain($"0x{NotepadStack:X16} 0x{NotepadStack + 14 * Page - 1:X16}       14  Reserved"));
        Assert.That(vadmap, Does.Contain("File Mapping \\Windows\\System32\\notepad.exe @ 0x2000 — not available"));
        var vtop = File.ReadAllText(Path.Combine(Notepad, "vtop", $"0x{NotepadDocument + 2 * Page:X}.txt"));
        Assert.That(vtop, Does.Contain("pagefile 0 @ 0x1000").And.Contain("_MMPTE_SOFTWARE"));
    }

    [Test]
    public void GrepOverAllProcessesFinishesAndFindsEveryReadableLine()
    {
        // Without -a: grep then skips the holes of vmem through SEEK_DATA (with -a it would read all 128 TiB).
        var grep = Shell.Run(TimeSpan.FromSeconds(60), "grep", "-rc", "MemFs demo: notepad.exe document", Path.Combine(_mount, "processes"));
        Assert.That(grep.ExitCode, Is.Zero, grep.Stderr); // pages that cannot be read are holes: no EIO stops it
        var counts = grep.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':'))
            .ToDictionary(f => f[0][(_mount.Length + 1)..], f => int.Parse(f[^1]));
        var region = $"processes/{NotepadPid}-notepad.exe/regions/{DocumentRegionName}";
        Assert.That(counts[region], Is.EqualTo(LinesContaining(DocumentRegion(), "MemFs demo: notepad.exe document")));
        Assert.That(counts.Where(c => c.Value > 0).Select(c => c.Key).Where(k => !k.Contains("notepad", StringComparison.Ordinal)), Is.Empty);
        Assert.That(grep.Stderr, Is.Empty);
    }

    [Test]
    public void AZeroFillMountCopiesVmemSparselyAndShowsUnreadablePagesAsZeros()
    {
        var mount = Directory.CreateDirectory(Path.Combine(_directory, "zero-fill")).FullName;
        var result = MemFsProcess.Run("mount", _image, mount, "--zero-fill");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var copy = Path.Combine("/dev/shm", $"memfs-vmem-{Environment.ProcessId}"); // tmpfs holds 128 TiB sparse files; ext4 stops at 16 TiB
        try
        {
            var cp = Shell.Run(TimeSpan.FromSeconds(60), "cp", "--sparse=always", Path.Combine(mount, "processes", $"{NotepadPid}-notepad.exe", "vmem"), copy);
            Assert.That(cp.ExitCode, Is.Zero, cp.Stderr);
            var info = new FileInfo(copy);
            Assert.That(info.Length, Is.EqualTo(0x8000_0000_0000L));
            using var file = File.OpenRead(copy);
            var document = new byte[DocumentRegion().Length];
            file.Seek((long)NotepadDocument, SeekOrigin.Begin);
            file.ReadExactly(document);
            Assert.That(document, Is.EqualTo(DocumentRegion()));
            var missing = new byte[Page];
            file.Seek((long)NotepadExe + 2 * Page, SeekOrigin.Begin);
            file.ReadExactly(missing);
            Assert.That(missing, Is.All.EqualTo(0), "an image page whose file is not in the volume, zero-filled as asked");
            var du = Shell.Run("du", "-k", copy);
            Assert.That(int.Parse(du.Stdout.Split('\t')[0]), Is.LessThan(4096), "the copy stays sparse");
            Assert.That(File.ReadAllText(Path.Combine(mount, "README.txt")), Does.Contain("zero"));
        }
        finally
        {
            File.Delete(copy);
            Shell.Run("fusermount3", "-u", mount);
        }
    }

    [Test]
    public void SixteenThreadsReadingRandomRangesForThirtySecondsGetEveryByteRight()
    {
        var files = new (string Path, byte[] Expected)[]
        {
            (Path.Combine(Notepad, "regions", DocumentRegionName), DocumentRegion()),
            (Path.Combine(Notepad, "regions", DemoDllRegionName), _demo.DemoDllBytes[..(DemoDllPages * Page)]),
            (Path.Combine(_mount, "processes", $"{ExplorerPid}-explorer.exe", "regions", DemoDllRegionName), _demo.DemoDllBytes[..(DemoDllPages * Page)]),
            (Path.Combine(_mount, "image", "files", "C", "Windows", "System32", "demo.dll"), _demo.DemoDllBytes),
            // Recovered files of a module (its pages from memory and from the acquired file; nothing changed or missing).
            (Path.Combine(Notepad, "modules", "demo.dll", "executable.exe"), _demo.DemoDllBytes),
            (Path.Combine(_mount, "processes", $"{ExplorerPid}-explorer.exe", "modules", "demo.dll", "memory.bin"), _demo.DemoDllBytes),
        };
        var clock = Stopwatch.StartNew();
        long reads = 0, bytes = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            var random = new Random(thread);
            var buffer = new byte[64 * 1024];
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && failures.IsEmpty)
            {
                var (path, expected) = files[random.Next(files.Length)];
                var offset = random.Next(expected.Length);
                var count = random.Next(1, Math.Min(buffer.Length, expected.Length - offset) + 1);
                using var handle = File.OpenHandle(path);
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, count), offset);
                if (read != count || !buffer.AsSpan(0, count).SequenceEqual(expected.AsSpan(offset, count)))
                    failures.Add($"{path} @ {offset} + {count}: read {read}");
                Interlocked.Increment(ref reads);
                Interlocked.Add(ref bytes, count);
            }
        });
        Assert.That(failures, Is.Empty);
        TestContext.Out.WriteLine($"{reads:N0} reads, {bytes / 1048576.0:N0} MiB in {clock.Elapsed.TotalSeconds:N1} s");
        Assert.That(reads, Is.GreaterThan(1000));
    }

    [Test]
    public void KillingTheMountProcessLeavesNoStaleMount()
    {
        var mount = Directory.CreateDirectory(Path.Combine(_directory, "killed")).FullName;
        using var child = Process.Start(MemFsExecutable.Start(["mount", _image, mount, "--foreground"]))!;
        var stderr = child.StandardError.ReadToEndAsync();
        Assert.That(MountTable.WaitUntil(() => MountTable.Find(mount) is not null || child.HasExited, TimeSpan.FromSeconds(60)) && !child.HasExited,
            () => $"not mounted: {(child.HasExited ? stderr.Result : "")}");
        Assert.That(Directory.GetDirectories(Path.Combine(mount, "processes")), Is.Not.Empty);
        child.Kill();
        child.WaitForExit();
        Assert.That(MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(30)), Is.True, "auto_unmount removes the mount");
        Assert.That(Directory.GetFileSystemEntries(mount), Is.Empty, "the mount point is an ordinary empty directory again");
    }

    /// <summary>The document VAD as built: 2 valid pages, 3 paged out, 2 in transition, then demand zero.</summary>
    private static byte[] DocumentRegion()
    {
        var region = new byte[16 * Page];
        for (var page = 0; page < 7; page++)
        {
            var note = page < DocumentValidPages ? null : page < DocumentValidPages + DocumentPagefilePages ? PagefileNote : TransitionNote;
            TextPage(Line("notepad.exe", "document", page, note)).CopyTo(region, page * Page);
        }
        return region;
    }

    private static int LinesContaining(byte[] bytes, string needle) =>
        Encoding.ASCII.GetString(bytes).Split('\n').Count(line => line.Contains(needle, StringComparison.Ordinal));
}
