namespace MemFs.Translate.Physical.Scatter;

/// <summary>
/// One read serving several requests: <see cref="Length"/> bytes at <see cref="Offset"/> (the requests and the small
/// gaps between them), covering the requests at positions <see cref="First"/> to <see cref="First"/> + <see cref="Count"/>
/// of the sorted order.
/// </summary>
internal readonly record struct ScatterRun(long Offset, int Length, int First, int Count)
{
    public long End => Offset + Length;
}
