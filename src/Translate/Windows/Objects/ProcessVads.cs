namespace MemFs.Translate.Windows.Objects;

/// <summary>A process's VADs, sorted, looked up by binary search: the translator's VAD source.</summary>
public sealed class ProcessVads(IReadOnlyList<VadDescriptor> sortedVads) : IVadSource
{
    public IReadOnlyList<VadDescriptor> Vads { get; } = sortedVads;

    public VadDescriptor? FindVad(ulong va)
    {
        var (lo, hi) = (0, Vads.Count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var vad = Vads[mid];
            if (va < vad.Start) hi = mid - 1;
            else if (va > vad.End) lo = mid + 1;
            else return vad;
        }
        return null;
    }
}
