using MemFs.Tests.Support;
using MemFs.Tests.Translate.Windows.Symbols.Pdb;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Isf;
using MemFs.Translate.Windows.Symbols.Pack;
using MemFs.Translate.Windows.Symbols.Pdb;
using MemFs.Translate.Windows.Symbols.Sources;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>Real kernel layouts (JPCERT ISFs of Windows 7 SP1, 10 19041 and 11 22000) through each symbol source.</summary>
internal static class KernelProfiles
{
    public static readonly (uint Build, string IsfName)[] Kernels =
    [
        (7601, "339E74133576439CBCDF7E0229DA3773-1"),
        (19041, "06564D3477822C7D97F04852CBD5AFD6-1"),
        (22000, "0CE4A95C0CD782A7596B034D8648E585-1"),
    ];

    public static readonly string[] Sources = ["ISF", "embedded pack", "build family", "PDB"];

    public static string PdbId(string isfName) => isfName.Replace("-", "");

    public static KernelProfile Isf(string isfName) =>
        IsfProfileReader.Read(IsfFile.Load(SharedData.Require($"symbols/windows/ntkrnlmp.pdb/{isfName}.json.xz")), "ISF " + isfName);

    public static KernelProfile From(string source, uint build, string isfName) => source switch
    {
        "ISF" => Isf(isfName),
        "embedded pack" => KernelPack.Embedded.TryGetExact(PdbId(isfName)) ?? throw new InvalidOperationException("not in the pack"),
        "build family" => KernelPack.Embedded.TryGetFamily(build, out _) ?? throw new InvalidOperationException("no family"),
        "PDB" => ThroughPdbStore(isfName, build),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>The ISF's layout written as a real PDB into a temporary srv* store, then read back by the PDB source.</summary>
    private static KernelProfile ThroughPdbStore(string isfName, uint build)
    {
        var id = PdbId(isfName);
        var guid = Guid.ParseExact(id[..32], "N");
        var age = Convert.ToUInt32(id[32..], 16);
        var root = Directory.CreateTempSubdirectory("memfs-symbols-").FullName;
        var folder = Path.Combine(root, "ntkrnlmp.pdb", id);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "ntkrnlmp.pdb"), KernelPdbWriter.FromProfile(Isf(isfName), guid, age));
        var profile = new PdbStoreSource(new SymbolStore(root)).TryGet(new KernelId("ntkrnlmp.pdb", id, build), out var note)
            ?? throw new InvalidOperationException(note);
        Directory.Delete(root, true);
        return profile;
    }
}
