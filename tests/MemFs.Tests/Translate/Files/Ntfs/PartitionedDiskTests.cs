using System.Buffers.Binary;
using MemFs.Translate.Files.Ntfs;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>An mkntfs volume placed at 1 MiB inside a disk image with an MBR or a GPT built here.</summary>
[NonParallelizable]
public class PartitionedDiskTests
{
    private const long PartitionStart = 1 << 20, VolumeSize = 8 << 20;
    private static readonly byte[] Hello = "hello from a partition"u8.ToArray();
    private string _directory = "";
    private byte[] _volume = [];

    [OneTimeSetUp]
    public void BuildVolume()
    {
        NtfsTools.Require("mkntfs", "ntfscp");
        _directory = Directory.CreateTempSubdirectory("memfs-ntfs-part-").FullName;
        var image = Path.Combine(_directory, "volume.img");
        NtfsTools.MakeVolume(image, VolumeSize);
        var source = Path.Combine(_directory, "hello.txt");
        File.WriteAllBytes(source, Hello);
        NtfsTools.Run("ntfscp", image, source, "hello.txt");
        _volume = File.ReadAllBytes(image);
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        if (_directory.Length > 0) Directory.Delete(_directory, recursive: true);
    }

    private string Disk(byte[] head)
    {
        var disk = new byte[PartitionStart + VolumeSize + PartitionStart];
        head.CopyTo(disk, 0);
        _volume.CopyTo(disk, PartitionStart);
        var path = Path.Combine(_directory, $"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, disk);
        return path;
    }

    private static byte[] Mbr(byte type, uint startLba, uint sectors)
    {
        var mbr = new byte[512];
        mbr[0x1BE + 4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(mbr.AsSpan(0x1BE + 8), startLba);
        BinaryPrimitives.WriteUInt32LittleEndian(mbr.AsSpan(0x1BE + 12), sectors);
        mbr[510] = 0x55; mbr[511] = 0xAA;
        return mbr;
    }

    private void AssertReadsHello(string disk)
    {
        using (var source = new FileByteSource(disk))
            Assert.That(NtfsVolume.FindNtfsVolumes(source), Is.EqualTo(new[] { PartitionStart }));
        var providers = NtfsVolumeFiles.OpenAll(disk);
        try
        {
            Assert.That(providers, Has.Count.EqualTo(1));
            Assert.That(providers[0].Description, Does.EndWith("@ 0x100000"));
            using var file = providers[0].Open(@"\Device\HarddiskVolume1\HELLO.TXT")!;
            var bytes = new byte[file.Length];
            file.Read(0, bytes);
            Assert.That(bytes, Is.EqualTo(Hello));
        }
        finally
        {
            foreach (var p in providers) p.Dispose();
        }
    }

    [Test]
    public void MbrPartitionAtOneMebibyte() =>
        AssertReadsHello(Disk(Mbr(0x07, (uint)(PartitionStart / 512), (uint)(VolumeSize / 512))));

    [Test]
    public void GptMicrosoftBasicDataPartition()
    {
        var head = new byte[PartitionStart];
        Mbr(0xEE, 1, uint.MaxValue).CopyTo(head, 0);
        "EFI PART"u8.CopyTo(head.AsSpan(512));
        BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(512 + 0x48), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(512 + 0x50), 128);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(512 + 0x54), 128);
        var entry = head.AsSpan(1024, 128);
        new Guid("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7").TryWriteBytes(entry);
        BinaryPrimitives.WriteInt64LittleEndian(entry[0x20..], PartitionStart / 512);
        BinaryPrimitives.WriteInt64LittleEndian(entry[0x28..], (PartitionStart + VolumeSize) / 512 - 1);
        AssertReadsHello(Disk(head));
    }

    [Test]
    public void NonNtfsPartitionIsSkipped()
    {
        var mbr = Mbr(0x07, (uint)(PartitionStart / 512), (uint)(VolumeSize / 512));
        var path = Disk(mbr);
        using (var stream = File.OpenWrite(path)) { stream.Position = PartitionStart + 3; stream.Write("EXFAT   "u8); }
        using var source = new FileByteSource(path);
        Assert.That(NtfsVolume.FindNtfsVolumes(source), Is.Empty);
    }
}
