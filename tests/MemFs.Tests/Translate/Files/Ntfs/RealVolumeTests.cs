using MemFs.Translate.Files.Ntfs;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>Volumes made by mkntfs, filled by ntfscp and through the ntfs-3g driver, read back byte for byte.</summary>
[NonParallelizable]
public class RealVolumeTests
{
    private static readonly (string Name, int Size)[] RootFiles =
        [("tiny.txt", 20), ("one.bin", 1), ("f4095.bin", 4095), ("f4096.bin", 4096), ("f4097.bin", 4097), ("big.bin", 4 << 20), ("MixedCase.Txt", 100)];

    private const int ManyFiles = 300, FragmentedFiles = 3, FragmentedSize = 4 << 20, Chunk = 4096;

    private readonly Dictionary<string, byte[]> _expected = new(StringComparer.OrdinalIgnoreCase);
    private string _directory = "";
    private string _image = "";
    private bool _mounted;
    private FileByteSource? _disk;
    private NtfsVolume? _volume;

    private NtfsVolume Volume => _volume!;

    [OneTimeSetUp]
    public void BuildVolume()
    {
        NtfsTools.Require("mkntfs", "ntfscp");
        _directory = Directory.CreateTempSubdirectory("memfs-ntfs-").FullName;
        _image = Path.Combine(_directory, "volume.img");
        // The driver's allocator hands out interleaved short runs on a volume of this size (on larger ones it
        // reserves a zone and keeps each file contiguous).
        NtfsTools.MakeVolume(_image, 32 << 20);
        if (NtfsTools.CanMount)
        {
            NtfsTools.WithMount(_image, WriteThroughDriver);
            _mounted = true;
        }
        foreach (var (name, size) in RootFiles) CopyIn(name, Content(size, name.GetHashCode()));
        if (_mounted) CopyIn(@"Windows\System32\kernel32.dll", Content(150_000, 7));
        _disk = new FileByteSource(_image);
        _volume = NtfsVolume.Open(_disk);
    }

    private void WriteThroughDriver(string mount)
    {
        Directory.CreateDirectory(Path.Combine(mount, "Frag"));
        // Interleaved 4 KiB appends to three files make the driver give each file many short runs, so their
        // $DATA spreads over extension records named by an $ATTRIBUTE_LIST.
        var streams = Enumerable.Range(0, FragmentedFiles).Select(i => File.Create(Path.Combine(mount, "Frag", $"frag{i}.bin"))).ToArray();
        var contents = Enumerable.Range(0, FragmentedFiles).Select(i => Content(FragmentedSize, 500 + i)).ToArray();
        for (var offset = 0; offset < FragmentedSize; offset += Chunk)
            for (var i = 0; i < FragmentedFiles; i++)
            {
                streams[i].Write(contents[i], offset, Chunk);
                streams[i].Flush();
            }
        for (var i = 0; i < FragmentedFiles; i++)
        {
            streams[i].Dispose();
            _expected[$@"Frag\frag{i}.bin"] = contents[i];
        }
        Directory.CreateDirectory(Path.Combine(mount, "Windows", "System32"));
        Directory.CreateDirectory(Path.Combine(mount, "Many"));
        Add(mount, @"Windows\System32\ntdll.dll", Content(700_000, 3));
        for (var i = 0; i < ManyFiles; i++) Add(mount, $@"Many\file{i:D3}.dll", Content(i * 37 % 3000 + 1, 1000 + i));
    }

    private void Add(string mount, string path, byte[] content)
    {
        File.WriteAllBytes(Path.Combine(mount, path.Replace('\\', '/')), content);
        _expected[path] = content;
    }

    private void CopyIn(string path, byte[] content)
    {
        var source = Path.Combine(_directory, "source.bin");
        File.WriteAllBytes(source, content);
        NtfsTools.Run("ntfscp", _image, source, path.Replace('\\', '/'));
        _expected[path] = content;
    }

    private static byte[] Content(int size, int seed)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        _volume?.Dispose();
        _disk?.Dispose();
        if (_directory.Length > 0) Directory.Delete(_directory, recursive: true);
    }

    private byte[] ReadAll(string path)
    {
        var file = Volume.FindFile(path) ?? throw new AssertionException($"{path} not found");
        using var data = Volume.OpenData(file);
        var bytes = new byte[data.Length];
        Assert.That(data.Read(0, bytes), Is.EqualTo(bytes.Length));
        return bytes;
    }

    [TestCase("tiny.txt")]
    [TestCase("one.bin")]
    [TestCase("f4095.bin")]
    [TestCase("f4096.bin")]
    [TestCase("f4097.bin")]
    [TestCase("big.bin")]
    public void RootFilesReadExactly(string name) => Assert.That(ReadAll(@"\" + name), Is.EqualTo(_expected[name]));

    [Test]
    public void SmallFileIsResidentAndLargeIsNot()
    {
        bool Resident(string path) => Volume.FindFile(path)!.Attributes.Single(a => a.Type == NtfsAttributeType.Data && a.Name == "").IsResident;
        Assert.That(Resident("tiny.txt"), Is.True);
        Assert.That(Resident("big.bin"), Is.False);
    }

    [Test]
    public void RandomOffsetReadsMatch()
    {
        var random = new Random(42);
        foreach (var path in _expected.Keys)
        {
            var expected = _expected[path];
            using var data = Volume.OpenData(Volume.FindFile(path)!);
            for (var i = 0; i < 50; i++)
            {
                var offset = random.Next(expected.Length);
                var buffer = new byte[random.Next(1, 3 * Chunk)];
                var n = data.Read(offset, buffer);
                Assert.That(n, Is.EqualTo(Math.Min(buffer.Length, expected.Length - offset)));
                Assert.That(buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan(offset, n)), Is.True, $"{path} at {offset}");
            }
            Assert.That(data.Read(expected.Length, new byte[10]), Is.Zero);
        }
    }

    [TestCase(@"\MIXEDCASE.TXT")]
    [TestCase(@"mixedcase.txt")]
    [TestCase(@"C:\MixedCase.txt")]
    [TestCase(@"c:/mixedCASE.txt")]
    [TestCase(@"\Device\HarddiskVolume1\MixedCase.Txt")]
    [TestCase(@"\??\C:\MixedCase.Txt")]
    public void LookupIsCaseInsensitiveAndAcceptsPrefixes(string path) =>
        Assert.That(ReadAll(path), Is.EqualTo(_expected["MixedCase.Txt"]));

    [TestCase(@"\nothere.dll")]
    [TestCase(@"C:\Nowhere\big.bin")]
    [TestCase(@"\big.bin\inside")]
    [TestCase(@"\Device\Mup\server\big.bin")]
    public void MissingFilesAreNull(string path) => Assert.That(Volume.FindFile(path), Is.Null);

    [Test]
    public void SystemMetadataDirectoryIsWalked()
    {
        var extend = Volume.FindFile(@"\$Extend");
        Assert.That(extend, Is.Not.Null);
        Assert.That(extend!.IsDirectory, Is.True);
        Assert.That(Volume.FindFile(@"C:\$EXTEND\$ObjId"), Is.Not.Null);
        Assert.That(Volume.ListDirectory(Volume.FindFile(@"\")!).Select(e => e.Name), Does.Contain("$MFT").And.Contain("big.bin"));
    }

    [Test]
    public void NestedDirectories()
    {
        NtfsTools.RequireMount(_mounted);
        Assert.That(ReadAll(@"C:\Windows\System32\ntdll.dll"), Is.EqualTo(_expected[@"Windows\System32\ntdll.dll"]));
        Assert.That(ReadAll(@"\Device\HarddiskVolume3\WINDOWS\system32\KERNEL32.DLL"), Is.EqualTo(_expected[@"Windows\System32\kernel32.dll"]));
        Assert.That(Volume.FindFile(@"\Windows\System32\missing.dll"), Is.Null);
    }

    [Test]
    public void ManyFilesInOneDirectoryUseIndexBlocks()
    {
        NtfsTools.RequireMount(_mounted);
        var directory = Volume.FindFile(@"\Many")!;
        Assert.That(directory.Attributes.Any(a => a.Type == NtfsAttributeType.IndexAllocation), Is.True, "expected INDX blocks");
        Assert.That(Volume.ListDirectory(directory), Has.Count.EqualTo(ManyFiles));
        for (var i = 0; i < ManyFiles; i++)
            Assert.That(ReadAll($@"\Many\FILE{i:D3}.DLL"), Is.EqualTo(_expected[$@"Many\file{i:D3}.dll"]), $"file{i:D3}");
    }

    [Test]
    public void FragmentedFilesSpreadOverExtensionRecords()
    {
        NtfsTools.RequireMount(_mounted);
        for (var i = 0; i < FragmentedFiles; i++)
        {
            var file = Volume.FindFile($@"\Frag\frag{i}.bin")!;
            var data = file.Attributes.Where(a => a.Type == NtfsAttributeType.Data).ToList();
            Assert.That(data.Sum(a => a.Runs.Count), Is.GreaterThan(1), "fragmented");
            if (i == 0) Assert.That(data.Select(a => a.RecordNumber).Distinct().Count(), Is.GreaterThan(1), "$DATA in extension records");
            Assert.That(ReadAll($@"\Frag\frag{i}.bin"), Is.EqualTo(_expected[$@"Frag\frag{i}.bin"]));
        }
    }

    [Test]
    public void EightThreadsReadConcurrently()
    {
        var paths = _expected.Keys.Where(p => _expected[p].Length > 100_000).ToArray();
        var sources = paths.Select(p => Volume.OpenData(Volume.FindFile(p)!)).ToArray();
        var failures = 0;
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var random = new Random(t);
            for (var i = 0; i < 300; i++)
            {
                var which = random.Next(paths.Length);
                var expected = _expected[paths[which]];
                var offset = random.Next(expected.Length);
                var buffer = new byte[Math.Min(random.Next(1, 20_000), expected.Length - offset)];
                sources[which].Read(offset, buffer);
                if (!buffer.AsSpan().SequenceEqual(expected.AsSpan(offset, buffer.Length))) Interlocked.Increment(ref failures);
            }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.That(failures, Is.Zero);
    }

    [Test]
    public void WholeVolumeImageIsFoundAtOffsetZero()
    {
        Assert.That(NtfsVolume.FindNtfsVolumes(_disk!), Is.EqualTo(new long[] { 0 }));
        var providers = NtfsVolumeFiles.OpenAll(_image);
        try
        {
            Assert.That(providers, Has.Count.EqualTo(1));
            Assert.That(providers[0].Description, Is.EqualTo($"NTFS volume {_image} @ 0x0"));
            using var file = providers[0].Open(@"C:\one.bin");
            Assert.That(file!.Length, Is.EqualTo(1));
            Assert.That(providers[0].Open(@"C:\absent.bin"), Is.Null);
        }
        finally
        {
            foreach (var p in providers) p.Dispose();
        }
    }
}
