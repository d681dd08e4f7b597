namespace MemFs.Tests.Scale;

/// <summary>
/// The shape of a <see cref="ScaleWindowsImage"/>: how many processes (added to the test kernel's boot processes), how
/// many VADs each, and the size of the raw image (sparse on disk: only the pages that exist are written).
/// </summary>
internal sealed record ScaleImageSpec(int Processes, int VadsPerProcess, long PhysicalBytes)
{
    /// <summary>Raised whenever the builder's output changes, so an image cached under the old name is not reused.</summary>
    public const int Version = 2;

    /// <summary>Issue 15's target: 300 processes of 200 VADs in 16 GiB.</summary>
    public static ScaleImageSpec Full { get; } = new(300, 200, 16L << 30);

    /// <summary>The NUnit test's scale: 30 processes of 200 VADs in 2 GiB.</summary>
    public static ScaleImageSpec Small { get; } = new(30, 200, 2L << 30);

    /// <summary>Where the image is cached between runs: the temporary directory, named by every parameter and <see cref="Version"/>.</summary>
    public string CachePath => Path.Combine(Path.GetTempPath(), $"memfs-scale-v{Version}-{Processes}x{VadsPerProcess}-{PhysicalBytes >> 20}M.raw");
}
