using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The MemFs tree of one image (the names are the interface, documented in README.txt and the project README):
/// /README.txt, /image (info.txt, physical.raw, pagefiles/, files/), /processes/&lt;pid&gt;-&lt;name&gt;/ (info.txt, vmem,
/// vads.txt, vadmap.txt, vmem.png, regions/, vtop/, the main image's recovered files, modules/), /unlinked/ (the same
/// for processes found by scanning memory), /kernel/modules/ (drivers). Everything is produced on first use through the shared page cache.
/// </summary>
public sealed class MemFsTree : IVirtualFileSystem
{
    public MemFsTree(PhysicalImage image, ExtendedPhysicalSpace space, WindowsSystem? system, string? systemFailure, ChunkCache cache, bool zeroFill)
    {
        var time = image.Facts.SystemTime ?? DateTime.UnixEpoch;
        Root = new VfsDirectory("", () =>
        [
            BytesFile.Text("README.txt", () => ReadmeText.Render(image, system, systemFailure, zeroFill)),
            new VfsDirectory("image", () => ImageChildren(image, space, system, systemFailure, cache)),
            new VfsDirectory("processes", () => system is null ? [] : system.Processes.Select(p => ProcessDirectory(new ProcessView(system, p, zeroFill), cache))),
            new VfsDirectory("unlinked", () => system is null ? [] : UnlinkedChildren(system, cache, zeroFill)),
            new VfsDirectory("kernel", () => system is null ? [] : [KernelModules(system, cache, zeroFill)]),
        ]) { Time = time };
    }

    public VfsDirectory Root { get; }

    private static IEnumerable<VfsNode> ImageChildren(PhysicalImage image, ExtendedPhysicalSpace space, WindowsSystem? system, string? failure, ChunkCache cache)
    {
        yield return BytesFile.Text("info.txt", () =>
        {
            var writer = new StringWriter();
            new PhysicalInfoReport(image, [], writer).Write();
            new OsFactsReport(writer).Write(image, system, failure);
            return writer.ToString();
        });
        yield return new PhysicalMemoryFile(image.Memory);
        yield return new VfsDirectory("pagefiles", () => space.Regions.Where(r => r.Kind == BackingKind.Pagefile)
            .Select(r => new ExtendedSourceFile($"pagefile{r.PagefileNumber}.sys", space, ExtendedLocation.Pagefile(r.PagefileNumber, 0), r.Length, cache)));
        yield return FilesDirectory(image, space, cache);
    }

    /// <summary>/image/files: the files the image carries, by Windows path (C:\Windows\x.sys → files/C/Windows/x.sys).</summary>
    private static VfsDirectory FilesDirectory(PhysicalImage image, ExtendedPhysicalSpace space, ChunkCache cache)
    {
        var files = new List<(string[] Path, VfsFile File)>();
        if (image.Aff4 is { } aff4)
        {
            foreach (var acquired in aff4.Locator.AcquiredFiles())
            {
                long length;
                try
                {
                    length = aff4.OpenStream(acquired.Urn).Length;
                }
                catch (IOException)
                {
                    continue;
                }
                var parts = acquired.WindowsPath.Replace(":", "").Split(['\\', '/'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0) continue;
                files.Add((parts, new ExtendedSourceFile(parts[^1], space, ExtendedLocation.File(acquired.WindowsPath, 0), length, cache)));
            }
        }
        return Folder("files", files, 0);
    }

    private static VfsDirectory Folder(string name, List<(string[] Path, VfsFile File)> files, int depth) =>
        new(name, () => files.Where(f => f.Path.Length == depth + 1).Select(f => (VfsNode)f.File)
            .Concat(files.Where(f => f.Path.Length > depth + 1).GroupBy(f => f.Path[depth], StringComparer.OrdinalIgnoreCase)
                .Select(g => Folder(g.Key, g.ToList(), depth + 1))));

    /// <summary>/kernel/modules: every driver on PsLoadedModuleList, recovered like a process's modules.</summary>
    private static VfsDirectory KernelModules(WindowsSystem system, ChunkCache cache, bool zeroFill)
    {
        var recoveries = new ImageRecoveries(() => new VirtualMemory(system.Translator, system.Translator.KernelDtb, null, zeroFill));
        return ImageFiles.ModulesDirectory(() => LoadedImage.OfKernel(system.KernelModules().Modules), recoveries, "the kernel", cache);
    }

    /// <summary>/unlinked: processes found by scanning physical memory for EPROCESS objects, not on the active list.</summary>
    private static IEnumerable<VfsNode> UnlinkedChildren(WindowsSystem system, ChunkCache cache, bool zeroFill)
    {
        var scanned = system.ScannedProcesses();
        yield return BytesFile.Text("README.txt", () => ProcessTexts.UnlinkedReadme(scanned));
        foreach (var s in scanned)
            if (s.Process is { } process) yield return ProcessDirectory(new ProcessView(system, process, zeroFill), cache);
    }

    private static VfsDirectory ProcessDirectory(ProcessView view, ChunkCache cache)
    {
        var name = $"{view.Process.Pid}-{view.Process.Name.Replace('/', '_')}";
        IEnumerable<VfsNode> Children()
        {
            yield return BytesFile.Text("info.txt", () => ProcessTexts.Info(view));
            yield return new VmemFile(view, cache);
            yield return BytesFile.Text("vads.txt", () => ProcessTexts.Vads(view));
            yield return BytesFile.Text("vadmap.txt", () => VadMapText.Render(view));
            yield return new RenderedFile("vmem.png", () => VmemPicture.Render(view), cache);
            yield return new VfsDirectory("regions", () => view.DataVads.Select(v => new RegionFile(view, v, cache)));
            yield return new VfsDirectory("vtop", () => [BytesFile.Text("README.txt", () => ProcessTexts.VtopReadme)], file => VtopFile(view, file));
            var owner = $"{view.Process.Pid} {view.Process.Name}";
            if (view.MainImage() is { } main)
                foreach (var file in ImageFiles.Of(view.Recoveries, owner, main, cache))
                    yield return file;
            yield return ImageFiles.ModulesDirectory(() => view.Images, view.Recoveries, owner, cache);
        }
        return view.Process.CreateTime is { } created ? new VfsDirectory(name, Children) { Time = created } : new VfsDirectory(name, Children);
    }

    private static VfsNode? VtopFile(ProcessView view, string name)
    {
        if (!name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) return null;
        var hex = name[..^4];
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (!ulong.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var va)) return null;
        return BytesFile.Text(name, () => ProcessTexts.Vtop(view, va));
    }
}
