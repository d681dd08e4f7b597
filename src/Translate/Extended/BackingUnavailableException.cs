namespace MemFs.Translate.Extended;

/// <summary>A translation ends in a pagefile or mapped file that was not supplied (or is too short).</summary>
internal sealed class BackingUnavailableException(ExtendedLocation location, string reason)
    : IOException($"{location}: {reason}")
{
    public ExtendedLocation Location { get; } = location;
    public string Reason { get; } = reason;
}
