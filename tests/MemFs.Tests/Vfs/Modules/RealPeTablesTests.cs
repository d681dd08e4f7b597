using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MemFs.Tests.Executables;
using MemFs.Tests.Support;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Modules;

/// <summary>
/// sections.txt and exports.txt of a real kernel32 (19041) mapped in a synthetic process (some of its pages only in the
/// file, some absent), against expected.json and llvm-readobj's reading of the same file.
/// </summary>
public class RealPeTablesTests
{
    private const string File = "win10-19041/kernel32.dll";

    private static string Module(RealPeProcess pe) => $"{pe.ProcessDirectory}/modules/kernel32.dll";

    private static IEnumerable<string[]> Rows(string text) =>
        text.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Test]
    public void SectionsMatchExpectedJson()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(Module(pe) + "/sections.txt");
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(SharedData.Require("pe/expected.json")));
        var expected = json.RootElement.GetProperty("files").GetProperty(File).GetProperty("sections").EnumerateArray().Select(s =>
        {
            static uint Hex(JsonElement e, string f) => Convert.ToUInt32(e.GetProperty(f).GetString(), 16);
            var rva = Hex(s, "VirtualAddress");
            return new[]
            {
                s.GetProperty("Name").GetString()!, $"0x{pe.LoadBase + rva:X16}", $"0x{rva:X8}", $"0x{Hex(s, "VirtualSize"):X8}",
                $"0x{Hex(s, "PointerToRawData"):X8}", $"0x{Hex(s, "SizeOfRawData"):X8}", $"0x{Hex(s, "Characteristics"):X8}",
            };
        }).ToList();
        var rows = Rows(text).ToList();
        Assert.That(rows.Select(r => r[..7]), Is.EqualTo(expected), text);
        Assert.That(rows.Single(r => r[0] == ".text")[7], Is.EqualTo("R-X"));
        Assert.That(rows.Single(r => r[0] == ".data")[7], Is.EqualTo("RW-"));
        Assert.That(text, Does.Contain("# headers: from memory"));
    }

    [Test]
    public void ExportsMatchLlvmReadobjAndExpectedJson()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(Module(pe) + "/exports.txt");
        var ours = Rows(text).Select(r => (Ordinal: uint.Parse(r[0], CultureInfo.InvariantCulture), Rva: Convert.ToUInt32(r[1], 16), Name: r[3])).ToList();

        var readobj = Process.Start(new ProcessStartInfo("llvm-readobj", ["--coff-exports", PeFacts.PathOf(File)]) { RedirectStandardOutput = true })!;
        var output = readobj.StandardOutput.ReadToEnd();
        readobj.WaitForExit();
        var theirs = Regex.Matches(output, @"Ordinal: (\d+)\s+Name: (\S+)\s+RVA: 0x([0-9A-F]+)")
            .Select(m => (Ordinal: uint.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Rva: Convert.ToUInt32(m.Groups[3].Value, 16), Name: m.Groups[2].Value)).ToList();
        Assert.That(theirs, Has.Count.EqualTo(1631), "llvm-readobj read the file");
        Assert.That(ours, Is.EqualTo(theirs));

        Assert.That(text, Does.Contain("# DLL name KERNEL32.dll, ordinal base 1, NumberOfFunctions 1631, NumberOfNames 1631"));
        Assert.That(text, Does.Contain("# 1631 exports listed, 182 forwarded"), "expected.json: 182 forwarders");
        Assert.That(text, Does.Contain($" 0x00024B00 0x{pe.LoadBase + 0x24B00:X16} CreateFileW\n"), "expected.json: CreateFileW at 0x24B00");
        Assert.That(text, Does.Contain(" HeapAlloc -> NTDLL.RtlAllocateHeap\n"));
    }

    [Test]
    public void VersionInfoMatchesExpectedJson()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(Module(pe) + "/versioninfo.txt");
        TestContext.Out.WriteLine(text);
        Assert.That(text, Does.Contain("\nFixedFileInfo.FileVersion: 10.0.19041.292\n").And.Contain("\nFixedFileInfo.ProductVersion: 10.0.19041.292\n"), "expected.json");
        Assert.That(text, Does.Contain("\nOriginalFilename: kernel32\n").And.Contain("\nCompanyName: Microsoft Corporation\n").And.Contain("\nProductName: Microsoft® Windows® Operating System\n"));
    }

    [Test]
    public void AnUnboundIatIsNotFlaggedAndPagesTakenFromDiskAreNamed()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(Module(pe) + "/imports.txt");
        // The synthetic mapping is the file's own bytes: every IAT slot still holds its lookup entry.
        Assert.That(text, Does.Match(@"# \d+ imported DLLs, \d+ functions, 0 flagged"), text);
        Assert.That(text, Does.Contain("not bound: the slot still holds its lookup table entry"));
        Assert.That(text, Does.Contain("# from disk: RVA 0xAB000-0xADFFF (3 pages)").And.Contain(@"read from \Windows\System32\kernel32.dll"),
            ".rdata pages 44-46 are absent (a pagefile that is not supplied): their names come from the file");
    }

    [Test]
    public void ListingAModuleDirectoryRendersNoTable()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var tables = tree.Folder(Module(pe)).Children.Where(c => c.Name is "sections.txt" or "exports.txt" or "imports.txt" or "versioninfo.txt").Cast<VfsFile>().ToList();
        Assert.That(tables, Has.Count.EqualTo(4));
        Assert.That(tables.Select(t => t.LengthKnown), Is.All.False);
        Assert.That(tree.Text(Module(pe) + "/sections.txt"), Does.Contain(".text"));
        Assert.That(tables[0].LengthKnown, Is.True, "read once, its length is known");
    }
}
