using MemFs.Aff4.Caching;
using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Executables;

/// <summary>
/// The served files of one recovered image and its analysis, made once per image and address space: recovery.txt,
/// the pictures and patches.txt all read the same executable.exe, memory.bin and comparison.
/// </summary>
public sealed class RecoveredFiles
{
    private readonly RetryingLazy<RecoveryAnalysis> _analysis;

    public RecoveredFiles(RecoveredImage image, ChunkCache cache)
    {
        Image = image;
        Executable = new ExecutableFile(image, cache);
        Memory = new MemoryImageFile(image, cache);
        _analysis = new RetryingLazy<RecoveryAnalysis>(() => RecoveryAnalysis.Run(image, Executable, Memory));
    }

    public RecoveredImage Image { get; }
    public ExecutableFile Executable { get; }
    public MemoryImageFile Memory { get; }

    /// <summary>Reads both files whole on first use.</summary>
    public RecoveryAnalysis Analysis => _analysis.Value;
}
