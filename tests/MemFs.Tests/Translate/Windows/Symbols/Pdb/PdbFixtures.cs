using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The committed kernel-like fixture (Fixtures/kernel.pdb, built by llvm-pdbutil yaml2pdb from kernel.yaml) and the
/// same PDB with public symbols and section headers added by <see cref="PdbBuilder"/> (yaml2pdb writes neither).
/// </summary>
internal static class PdbFixtures
{
    public const string Amdppm = "pdb/amdppm.pdb/1C19FDDB27BB3399D9B45973EFEAFCF31/amdppm.pdb";

    public static readonly Guid KernelGuid = new("A1B2C3D4-E5F6-0718-293A-4B5C6D7E8F90");
    public const uint KernelInfoAge = 3;
    public const uint KernelAge = 2;
    public const string KernelId = "A1B2C3D4E5F60718293A4B5C6D7E8F902";

    public static readonly (string Name, uint VirtualAddress, uint VirtualSize)[] KernelSections =
        [(".text", 0x1000, 0x3FF000), (".data", 0xC00000, 0x100000), ("PAGE", 0xD00000, 0x10000)];

    /// <summary>Public symbols with their expected RVAs (section VA + offset; null when the section does not exist).</summary>
    public static readonly (string Name, ushort Segment, uint Offset, uint Flags, uint? Rva)[] KernelPublics =
    [
        ("PsActiveProcessHead", 2, 0x1E200, 0, 0xC1E200),
        ("PsLoadedModuleList", 2, 0x2A390, 0, 0xC2A390),
        ("KdDebuggerDataBlock", 2, 0xB20, 0, 0xC00B20),
        ("MmPfnDatabase", 2, 0xFC500, 0, 0xCFC500),
        ("PsInitialSystemProcess", 2, 0x1F3C0, 0, 0xC1F3C0),
        ("NtBuildNumber", 3, 0x40, 0, 0xD00040),
        ("KiSystemCall64", 1, 0x3F0000, 2, 0x3F1000),
        ("AbsoluteSymbol", 0, 0x1234, 0, null),
        ("BeyondSections", 9, 0x10, 0, null),
    ];

    public static string KernelPdbPath => Path.Combine(FixturesDirectory, "kernel.pdb");

    public static string FixturesDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MemFs.sln")))
                    return Path.Combine(dir.FullName, "tests", "MemFs.Tests", "Translate", "Windows", "Symbols", "Pdb", "Fixtures");
            throw new DirectoryNotFoundException("MemFs.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>kernel.pdb with a new DBI stream (age 2, x64) naming an added symbol-record stream and section-header stream.</summary>
    public static byte[] KernelWithPublics(ushort machine = 0x8664, IEnumerable<(string, ushort, uint, uint)>? publics = null)
    {
        using var msf = MsfFile.Open(KernelPdbPath);
        var streams = Enumerable.Range(0, msf.StreamCount).Select(i => msf.HasStream(i) ? msf.ReadStream(i) : null).ToList();
        var symbols = (ushort)streams.Count;
        var sections = (ushort)(streams.Count + 1);
        streams[DbiStream.Index] = PdbBuilder.Dbi(KernelAge, machine, symbols, sections);
        streams.Add(PdbBuilder.Publics(publics ?? KernelPublics.Select(p => (p.Name, p.Segment, p.Offset, p.Flags))));
        streams.Add(PdbBuilder.Sections(KernelSections));
        return MsfWriter.Build(streams, 4096);
    }

    public static PdbFile Kernel() => PdbFile.Parse("kernel-with-publics.pdb", KernelWithPublics());
}
