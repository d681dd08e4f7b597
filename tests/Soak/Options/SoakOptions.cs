namespace MemFs.Soak.Options;

/// <summary>What one soak run does: how long, how many reader threads, the mount's cache size and the image's bulk.</summary>
internal sealed record SoakOptions
{
    /// <summary>RssAnon allowed above the cache size for the runtime, FUSE buffers and tree metadata (as MountMemoryBoundTests).</summary>
    public const long DefaultAllowance = 160L << 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);
    public int Threads { get; init; } = 16;
    public long CacheBytes { get; init; } = 64L << 20;
    public string CacheSize { get; init; } = "64M";

    /// <summary>Half-random heap pages added to the demo system (DemoSystem's bulk), 4 KiB each.</summary>
    public int BulkPages { get; init; } = 65536;
    public long Allowance { get; init; } = DefaultAllowance;
    public int Seed { get; init; } = 1;

    /// <summary>The largest single read; lengths are drawn log-uniformly from 1 byte to this.</summary>
    public int MaxReadBytes { get; init; } = 256 << 10;

    /// <summary>Environment variables given to the mount only (runtime settings such as DOTNET_GCgen0size, to compare them).</summary>
    public IReadOnlyDictionary<string, string> MountEnvironment { get; init; } = new Dictionary<string, string>();

    public long RssBudget => CacheBytes + Allowance;
}
