using MemFs.Translate.Files.Ntfs;

namespace MemFs.Translate.Files;

/// <summary>The mapped-file sources named by <c>--files DIR</c> and <c>--disk IMG</c>, in that order.</summary>
internal static class MappedFileSources
{
    /// <summary>The providers (null when neither option was given); <paramref name="owned"/> receives what must be disposed.</summary>
    public static IMappedFileProvider? Build(string? files, string? disk, List<IDisposable> owned)
    {
        var providers = new List<IMappedFileProvider>();
        if (files is not null) providers.Add(new DirectoryTreeFiles(files));
        if (disk is not null)
        {
            var volumes = NtfsVolumeFiles.OpenAll(disk);
            owned.AddRange(volumes);
            if (volumes.Count == 0) throw new ArgumentException($"--disk {disk}: no NTFS volume found (neither a volume nor an MBR/GPT partition with an NTFS boot sector)");
            providers.AddRange(volumes);
        }
        return providers.Count == 0 ? null : new CompositeFileProvider(providers);
    }
}
