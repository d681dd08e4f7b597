namespace MemFs.Aff4.Discovery;

/// <summary>A file the imager copied into the volume (driver, ntoskrnl, pagefile), named by its Windows path.</summary>
public sealed record AcquiredFile(string Urn, string WindowsPath, string PathSource);
