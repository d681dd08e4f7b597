using System.Diagnostics;
using MemFs.Translate.Windows.Symbols.Pack;

// Regenerates the embedded kernel offsets pack from the JPCERT ISFs:
//   dotnet run --project tools/SymbolPack -- <shared/data/symbols> src/Translate/Windows/Symbols/Pack/kernel-pack.json.gz
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MemFs.SymbolPack <symbols folder (windows/ntkrnlmp.pdb/*.json.xz, jpcert/README.md, LICENSE)> <output .json.gz>");
    return 2;
}

var clock = Stopwatch.StartNew();
var generation = KernelPackGenerator.Generate(args[0]);
foreach (var line in generation.Log) Console.WriteLine(line);
File.WriteAllBytes(args[1], generation.Gzip);
Console.WriteLine($"{generation.Pack.Kernels.Count} kernels, {generation.Pack.Families.Count} families: " +
    $"{generation.Json.Length:N0} bytes of JSON, {generation.Gzip.Length:N0} bytes gzip'd → {args[1]} ({clock.Elapsed.TotalSeconds:F1} s)");
return 0;
