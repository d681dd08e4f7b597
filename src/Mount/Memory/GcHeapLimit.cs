namespace MemFs.Mount.Memory;

/// <summary>
/// Holds a mount's garbage-collected heap to the session's cache budget plus a fixed allowance, so RssAnon follows
/// <c>--cache-size</c> whatever the number of concurrent readers. Cache blocks live until evicted and so die in
/// generation 2, which by default is collected only when its own budget grows; with a hard limit the collector runs
/// before the dead blocks pile up (GCHeapHardLimit, re-read by <see cref="GC.RefreshMemoryLimit"/> since .NET 8).
/// </summary>
internal static class GcHeapLimit
{
    /// <summary>What the heap holds besides the cache: the tree, the translation's bookkeeping and the requests in flight.</summary>
    public const long Allowance = 64L << 20;

    private const string HardLimitSetting = "GCHeapHardLimit";

    /// <summary>The limit for a cache budget, or null when the user configured the runtime's own (then it is kept).</summary>
    public static long? For(long cacheBytes, bool userConfigured) =>
        userConfigured || cacheBytes <= 0 || cacheBytes > long.MaxValue - Allowance ? null : cacheBytes + Allowance;

    /// <summary>
    /// Applies the limit for <paramref name="cacheBytes"/> and returns the heap size the collector now works to (its
    /// TotalAvailableMemoryBytes), or null when the user's own setting was kept.
    /// </summary>
    public static long? Apply(long cacheBytes)
    {
        if (For(cacheBytes, UserConfigured()) is not { } limit) return null;
        AppContext.SetData(HardLimitSetting, (ulong)limit);
        GC.RefreshMemoryLimit();
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>DOTNET_GCHeapHardLimit(Percent) in the environment or System.GC.HeapHardLimit(Percent) in the runtime config.</summary>
    private static bool UserConfigured() =>
        new[] { "GCHeapHardLimit", "GCHeapHardLimitPercent" }.Any(name =>
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_" + name)) ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("COMPlus_" + name))) ||
        AppContext.GetData("System.GC.HeapHardLimit") is not null || AppContext.GetData("System.GC.HeapHardLimitPercent") is not null;
}
