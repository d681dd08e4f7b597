namespace MemFs.Translate.Physical.Scatter;

/// <summary>
/// One part of a scattered read: <see cref="Length"/> bytes at <see cref="Offset"/> of the layer being read (a file
/// offset, or a physical address) go to <see cref="Destination"/> in the request's destination buffer.
/// </summary>
public readonly record struct ScatterRequest(long Offset, int Length, int Destination)
{
    public long End => Offset + Length;
}
