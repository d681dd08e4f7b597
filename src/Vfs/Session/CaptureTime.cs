using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Session;

/// <summary>
/// When the memory was captured, and where that was read: the kernel's own clock (KUSER_SHARED_DATA.SystemTime, a
/// KSYSTEM_TIME at 0xFFFFF780'00000014 on x64, read through the kernel translator), else the image header's time (a
/// crash dump's SystemTime), else the image file's modification time. The tree's root and image/ carry it.
/// </summary>
internal sealed record CaptureTime(DateTime Time, string Source)
{
    public const string SharedDataSource = "KUSER_SHARED_DATA.SystemTime";
    public const string HeaderSource = "the image header";
    public const string FileSource = "the image file's modification time";

    /// <summary>Windows NT appeared in 1993: an earlier clock is not a capture time.</summary>
    private static readonly DateTime Earliest = new(1993, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static CaptureTime Of(PhysicalImage image, KernelIdentity? kernel)
    {
        if (kernel?.SharedData?.SystemTime is { } shared && shared >= Earliest) return new CaptureTime(shared, SharedDataSource);
        if (image.Facts.SystemTime is { } header && header >= Earliest) return new CaptureTime(header, HeaderSource);
        return new CaptureTime(File.GetLastWriteTimeUtc(image.Path), FileSource);
    }

    public override string ToString() => $"{Time:yyyy-MM-dd HH:mm:ss} UTC ({Source})";
}
