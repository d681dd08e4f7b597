namespace MemFs.Translate.Windows.Symbols;

/// <summary>One place kernel structure offsets can come from: a PDB store, ISF files, the embedded pack, the build table, heuristics.</summary>
public interface IKernelProfileSource
{
    string Name { get; }

    /// <summary>The profile this source has for <paramref name="id"/>, or null with what was looked for.</summary>
    KernelProfile? TryGet(KernelId id, out string? note);
}
