using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Extended;

/// <summary>A pagefile or mapped file and where it sits in the combined space.</summary>
internal sealed record PlacedSource(ExtendedRegion Region, IByteSource Source);
