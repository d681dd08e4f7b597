using System.Text;
using MemFs.Tests.Demo;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Tests.Vfs;

/// <summary>A session opened in-process on an image, with path lookups into its tree.</summary>
public sealed class SessionTree : IDisposable
{
    private readonly string? _directory;

    /// <param name="directory">A temporary directory to delete with the session.</param>
    public SessionTree(EvidenceOptions options, string? directory = null)
    {
        _directory = directory;
        Session = EvidenceSession.Open(options);
    }

    /// <summary>The demo AFF4 image written to a temporary directory, opened as a default mount opens it (holes).</summary>
    public static SessionTree Demo()
    {
        var directory = Directory.CreateTempSubdirectory("memfs-demo-tree-").FullName;
        var image = Path.Combine(directory, "demo.aff4");
        File.WriteAllBytes(image, DemoImageBuilder.Build(new DemoSystem()));
        return new SessionTree(new EvidenceOptions(image) { CacheBytes = 16L << 20 }, directory);
    }

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
        return new ProcessView(system, system.Processes.Single(p => p.Pid == pid), Session.Options.Holes);
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
        if (_directory is not null) Directory.Delete(_directory, true);
    }
}
