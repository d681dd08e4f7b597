using MemFs.Translate.Windows.Symbols.Isf;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>
/// <c>--symbols PATH</c> (repeatable): a symbol store (srv* layout or flat folder of .pdb files) and/or Volatility 3 ISF
/// files (folder, zip or file). Each path is offered both ways, PDB before ISF.
/// </summary>
public static class SymbolArguments
{
    public static IReadOnlyList<IKernelProfileSource> Parse(IEnumerable<string> paths)
    {
        var sources = new List<IKernelProfileSource>();
        var isfs = new List<IKernelProfileSource>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path) && !File.Exists(path)) throw new FileNotFoundException($"--symbols {path}: no such file or directory");
            if (Directory.Exists(path)) sources.Add(new PdbStoreSource(new SymbolStore(path)));
            isfs.Add(new IsfProfileSource(IsfDirectory.Open(path)));
        }
        return [.. sources, .. isfs];
    }
}
