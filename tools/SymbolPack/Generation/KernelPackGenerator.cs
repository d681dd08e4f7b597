using System.Collections.Concurrent;
using System.Globalization;
using MemFs.Translate.Windows.Symbols.Isf;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Builds the embedded pack from the JPCERT ntkrnlmp ISFs (<c>windows/ntkrnlmp.pdb/*.json.xz</c>), their README table
/// (versions, OS labels) and LICENSE, all under one symbols folder. The output depends only on those inputs.
/// </summary>
internal static class KernelPackGenerator
{
    public const string PackPath = "src/Translate/Windows/Symbols/Pack/kernel-pack.json.gz";

    public const string Attribution =
        "Offsets, bit fields, structure sizes and symbol RVAs extracted by MemFs from JPCERT/CC's Windows Symbol Tables for " +
        "Volatility 3 (https://github.com/JPCERTCC/Windows-Symbol-Tables, commit 11ad856cd9fb1dea9a007f6c56fb33b8c7e6e3e1), " +
        "Copyright 2023 JPCERT Coordination Center, BSD-3-Clause (licence text under \"license\"). " +
        "The tables are derived from Microsoft's public kernel PDBs.";

    /// <summary>The command that regenerates the committed pack, run from the repository root.</summary>
    public static string Command(string symbolsRoot) => $"dotnet run --project tools/SymbolPack -- {symbolsRoot} {PackPath}";

    public static KernelPackGeneration Generate(string symbolsRoot)
    {
        var files = Directory.GetFiles(Path.Combine(symbolsRoot, "windows", "ntkrnlmp.pdb"), "*.json.xz");
        var profiles = new ConcurrentBag<KernelProfile>();
        Parallel.ForEach(files, file => profiles.Add(ReadKernel(file)));
        return Build(profiles, ReadTable(symbolsRoot), ReadLicense(symbolsRoot));
    }

    public static JpcertTable ReadTable(string symbolsRoot) => JpcertTable.Parse(ReadText(Path.Combine(symbolsRoot, "jpcert", "README.md")));

    public static string ReadLicense(string symbolsRoot) => ReadText(Path.Combine(symbolsRoot, "LICENSE"));

    public static KernelProfile ReadKernel(string file) => ReadKernel(IsfFile.Load(file), file);

    /// <summary>One ISF's profile; its metadata must name the PDB its file name does.</summary>
    public static KernelProfile ReadKernel(IsfFile isf, string file)
    {
        var expected = PdbIds.FromIsfFileName(file);
        if (isf.Metadata.Pdb?.Id is not { } id || (expected is not null && id != expected))
            throw new InvalidDataException($"{file}: metadata names PDB {isf.Metadata.Pdb?.Id ?? "(none)"}, the file name {expected}");
        return IsfProfileReader.Read(isf, "ISF " + Path.GetFileName(file));
    }

    public static KernelPackGeneration Build(IEnumerable<KernelProfile> profiles, JpcertTable table, string license)
    {
        var log = new List<string>(table.Notes);
        var kernels = new Dictionary<string, PackedKernel>(StringComparer.Ordinal);
        foreach (var profile in profiles.OrderBy(p => p.PdbId, StringComparer.Ordinal))
        {
            var id = profile.PdbId ?? throw new InvalidDataException("a kernel profile without a PDB id");
            if (!table.Kernels.TryGetValue(id, out var listed)) throw new InvalidDataException($"{id} is not in JPCERT's README table");
            if (!kernels.TryAdd(id, new PackedKernel(listed.Version, listed.Build, listed.Os, PackedLayout.From(profile))))
                throw new InvalidDataException($"{id}: two ISFs");
        }
        foreach (var id in table.Kernels.Keys.Except(kernels.Keys).Order(StringComparer.Ordinal))
            log.Add($"{id} ({table.Kernels[id].Version}) is in the README but has no ISF");

        var families = new Dictionary<uint, PackedFamily>();
        foreach (var group in kernels.GroupBy(k => k.Value.Build).OrderBy(g => g.Key))
        {
            var family = FamilyBuilder.Build(group.Key, group.ToList());
            families[group.Key] = family;
            log.Add(string.Create(CultureInfo.InvariantCulture,
                $"family {group.Key}: {family.DerivedFrom.Count} kernels, {family.Layout.Offsets.Count} offsets, {family.Layout.Bits.Count} bit fields, {family.Layout.Sizes.Count} sizes"));
            foreach (var (field, reason) in family.Omitted.OrderBy(o => o.Key, StringComparer.Ordinal))
                log.Add($"  family {group.Key}: left out {field}: {reason}");
        }

        var pack = new KernelPack(Attribution, license, kernels, families);
        var json = KernelPackWriter.Write(pack);
        return new KernelPackGeneration(pack, json, DeterministicGzip.Compress(json), log);
    }

    private static string ReadText(string path) => File.ReadAllText(path).ReplaceLineEndings("\n");
}
