using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files;

/// <summary>No file source given: every mapped file is unavailable.</summary>
internal sealed class NoMappedFiles : IMappedFileProvider
{
    public static readonly NoMappedFiles Instance = new();

    private NoMappedFiles()
    {
    }

    public string Description => "no file sources given";

    public IByteSource? Open(string windowsPath) => null;
}
