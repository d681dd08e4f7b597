using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>Serves the files of one NTFS volume on a disk image (<c>--disk</c>) by their Windows paths.</summary>
internal sealed class NtfsVolumeFiles : IMappedFileProvider, IDisposable
{
    private readonly IByteSource _disk;
    private readonly bool _ownsDisk;

    public NtfsVolumeFiles(IByteSource disk, long volumeOffset, bool ownsDisk = false)
    {
        _disk = disk;
        _ownsDisk = ownsDisk;
        Volume = NtfsVolume.Open(disk, volumeOffset);
    }

    public NtfsVolume Volume { get; }

    public string Description => $"NTFS volume {_disk.Name} @ 0x{Volume.VolumeOffset:X}";

    public IByteSource? Open(string windowsPath) =>
        Volume.FindFile(windowsPath) is { IsDirectory: false } file ? Volume.OpenData(file) : null;

    /// <summary>A provider for every NTFS volume on the image; each holds its own read-only handle on the file.</summary>
    public static IReadOnlyList<NtfsVolumeFiles> OpenAll(string diskImagePath)
    {
        IReadOnlyList<long> offsets;
        using (var probe = new FileByteSource(diskImagePath)) offsets = NtfsVolume.FindNtfsVolumes(probe);
        var providers = new List<NtfsVolumeFiles>();
        try
        {
            foreach (var offset in offsets)
            {
                var disk = new FileByteSource(diskImagePath);
                try { providers.Add(new NtfsVolumeFiles(disk, offset, ownsDisk: true)); }
                catch { disk.Dispose(); throw; }
            }
        }
        catch
        {
            foreach (var provider in providers) provider.Dispose();
            throw;
        }
        return providers;
    }

    public void Dispose()
    {
        Volume.Dispose();
        if (_ownsDisk) _disk.Dispose();
    }
}
