using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>The kernel PDB from a local symbol store (<c>srv*</c> layout or a flat folder), read by our own PDB reader.</summary>
internal sealed class PdbStoreSource(SymbolStore store) : IKernelProfileSource
{
    public string Name => $"PDB store {store.Root}";

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        note = null;
        if (!id.TryGuidAge(out var guid, out var age))
        {
            note = "the kernel's PDB id is unknown";
            return null;
        }
        var path = store.Find(id.PdbName, guid, age);
        if (path is null)
        {
            note = store.MissingMessage(id.PdbName, guid, age);
            return null;
        }
        return PdbProfileReader.Read(PdbFile.Open(path), $"PDB {path}");
    }
}
