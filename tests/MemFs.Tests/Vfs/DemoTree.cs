using System.Text;
using MemFs.Tests.Demo;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Tests.Vfs;

/// <summary>A session on the demo AFF4 image written to a temporary directory, with path lookups into its tree.</summary>
public sealed class DemoTree : IDisposable
{
    private readonly string _directory;

    public DemoTree()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-demo-tree-").FullName;
        ImagePath = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(ImagePath, DemoImageBuilder.Build(new DemoSystem()));
        Session = EvidenceSession.Open(new EvidenceOptions(ImagePath) { ZeroFill = true, CacheBytes = 16L << 20 });
    }

    public string ImagePath { get; }

    public EvidenceSession Session { get; }

    public VfsDirectory Root => Session.Tree.Root;

    /// <summary>The node at a path such as "/processes/4312-explorer.exe/vads.txt".</summary>
    public VfsNode Node(string path)
    {
        VfsNode node = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = (node as VfsDirectory)?.Child(part) ?? throw new FileNotFoundException($"{path}: no {part}");
        return node;
    }

    public VfsDirectory Folder(string path) => (VfsDirectory)Node(path);

    public string ProcessDirectory(long pid) => "/processes/" + Root.Children.OfType<VfsDirectory>().Single(d => d.Name == "processes")
        .Children.Single(c => c.Name.StartsWith($"{pid}-", StringComparison.Ordinal)).Name;

    /// <summary>A process as the tree shows it, for the producers' own entry points.</summary>
    public ProcessView View(long pid)
    {
        var system = Session.RequireSystem();
        return new ProcessView(system, system.Processes.Single(p => p.Pid == pid), zeroFill: true);
    }

    public byte[] Bytes(string path)
    {
        var file = (VfsFile)Node(path);
        var bytes = new byte[file.Length];
        var read = file.Read(0, bytes);
        return bytes[..read];
    }

    public string Text(string path) => Encoding.UTF8.GetString(Bytes(path));

    public void Dispose()
    {
        Session.Dispose();
        Directory.Delete(_directory, true);
    }
}
