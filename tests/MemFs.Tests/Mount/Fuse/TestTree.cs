using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>The tree the FUSE tests mount: text files, a 300-entry directory, a sparse, a faulty and a big file.</summary>
public sealed class TestTree : IVirtualFileSystem
{
    public const string ReadmeText = "MemFs test mount\nline two\n";
    public const int ManyCount = 300;
    public const long BigSize = 256L << 20;
    public static readonly DateTime Time = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    public VfsDirectory Root { get; } = new("", [
        BytesFile.Text("README.txt", () => ReadmeText),
        new VfsDirectory("nested",
            new VfsDirectory("many", () => Enumerable.Range(0, ManyCount).Select(i => KnownBytesFile.Text($"f{i:D3}.txt", ManyText(i)))),
            BytesFile.Text("hello.txt", () => "hello\n")),
        new SparseFile("vmem") { Time = Time },
        new FaultyFile("faulty.bin"),
        new PatternFile("big.bin", BigSize),
        new PatternFile("small.bin", 100_003),
    ]);

    public static string ManyText(int i) => $"file {i}\n" + new string('x', i);
}
