namespace MemFs.Mount.Cli.Json;

/// <summary>
/// The operating-system part of <c>memfs info --json</c>: the capture time, and when a Windows kernel was read, where its
/// DTB, base, build and profile came from; <see cref="Failure"/> says why not otherwise.
/// </summary>
internal sealed record OperatingSystemJson(
    string CaptureTime, string? Failure, string? Dtb, string? DtbSource, string? KernelBase, string? KernelBaseSource, string? KernelPdb,
    uint? Build, string? BuildSource, string? Version, string? Profile, string? PteLayout, string? InvalidPteMask, string? InvalidPteMaskSource,
    int? Processes, IReadOnlyList<string> Diagnostics);
