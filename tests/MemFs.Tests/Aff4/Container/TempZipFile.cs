namespace MemFs.Tests.Aff4.Container;

/// <summary>A written test archive on disk, deleted on dispose.</summary>
internal sealed class TempZipFile : IDisposable
{
    private TempZipFile(string path) => Path = path;

    public string Path { get; }

    public static TempZipFile Create(byte[] bytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"memfs-zip-{Guid.NewGuid():N}.aff4");
        File.WriteAllBytes(path, bytes);
        return new TempZipFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
