namespace MemFs.Translate.Extended;

/// <summary>One part of a scattered read of the extended space: <see cref="Length"/> bytes at <see cref="Location"/> go to <see cref="Destination"/> in the destination buffer.</summary>
public readonly record struct ExtendedRequest(ExtendedLocation Location, int Length, int Destination);
