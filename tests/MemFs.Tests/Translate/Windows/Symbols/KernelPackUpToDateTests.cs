using System.Text;
using MemFs.Translate.Windows.Symbols.Pack;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The committed pack must be exactly what the generator makes of shared/data/symbols today.</summary>
public class KernelPackUpToDateTests
{
    [Test]
    public void EmbeddedPackEqualsARegeneratedOne()
    {
        var root = IsfCorpus.SymbolsRoot;
        var generated = KernelPackGenerator.Build(IsfCorpus.Entries.Select(e => e.Profile),
            KernelPackGenerator.ReadTable(root), KernelPackGenerator.ReadLicense(root));
        var embedded = KernelPack.ReadEmbeddedBytes();
        var advice = $"The embedded kernel pack is out of date. Regenerate and commit it: cd <repository root> && {KernelPackGenerator.Command(root)}";

        var expectedText = Encoding.UTF8.GetString(generated.Json);
        var actualText = Encoding.UTF8.GetString(DeterministicGzip.Decompress(embedded));
        if (expectedText != actualText) Assert.Fail($"{advice}\nfirst difference: {FirstDifference(expectedText, actualText)}");
        Assert.That(embedded, Is.EqualTo(generated.Gzip), $"{advice}\n(the JSON is the same; the gzip bytes differ)");
    }

    [Test]
    public void GeneratorIsDeterministic()
    {
        var root = IsfCorpus.SymbolsRoot;
        var profiles = IsfCorpus.Entries.Select(e => e.Profile).ToList();
        var table = KernelPackGenerator.ReadTable(root);
        var license = KernelPackGenerator.ReadLicense(root);
        var first = KernelPackGenerator.Build(profiles, table, license);
        var second = KernelPackGenerator.Build(Enumerable.Reverse(profiles), table, license);
        Assert.That(second.Gzip, Is.EqualTo(first.Gzip));
        Assert.That(KernelPackWriter.Write(KernelPack.Parse(first.Gzip)), Is.EqualTo(first.Json), "write(read(pack)) = pack");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return $"line {i + 1}: generated `{a[i].Trim()}`, embedded `{b[i].Trim()}`";
        return $"generated {a.Length} lines, embedded {b.Length}";
    }
}
