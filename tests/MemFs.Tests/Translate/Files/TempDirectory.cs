namespace MemFs.Tests.Translate.Files;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "memfs-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file at a '/'-separated path below the directory, creating the folders on the way.</summary>
    public string Write(string relativePath, byte[] contents)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, contents);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
