using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Translate.Concurrency;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Vfs.Cache;
using MemFs.Vfs.Coverage;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Findings;
using MemFs.Vfs.Kernel;
using MemFs.Vfs.LoaderLists;
using MemFs.Vfs.Minidump;
using MemFs.Vfs.Modules.UnloadedModules;
using MemFs.Vfs.Patches;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The MemFs tree of one image (the names are the interface, documented in README.txt and the project README):
/// /README.txt, /image (info.txt, physical.raw, pagefiles/, files/), /processes/&lt;pid&gt;-&lt;name&gt;/ (info.txt, vmem, minidump.dmp,
/// vads.txt, vadmap.txt, threads.txt, handles.txt, coverage.txt, vmem.png, regions/, vtop/, the main image's recovered files, modules/), /unlinked/
/// (the same for processes found by scanning memory), /kernel/ (modules/ of drivers, vmem, vadmap.txt, vtop/), /coverage.txt (every process's
/// coverage summed), /patches.txt and /findings.txt (every process's). Everything is produced on first use through the shared page cache.
/// </summary>
public sealed class MemFsTree : IVirtualFileSystem
{
    public MemFsTree(PhysicalImage image, ExtendedPhysicalSpace space, WindowsSystem? system, string? systemFailure, ChunkCache cache, HolePolicy holes)
    {
        var time = CaptureTime.Of(image, system?.Identity).Time;
        // One view per process, shared by its directory, /coverage.txt and /patches.txt, so each process is classified once.
        var linked = new RetryingLazy<IReadOnlyList<ProcessView>>(() => system is null ? [] : system.Processes.Select(p => new ProcessView(system, p, holes)).ToArray());
        var unlinked = new RetryingLazy<(IReadOnlyList<ProcessView> Views, string Readme)>(() => UnlinkedViews(system, holes));
        Root = new VfsDirectory("", () =>
        [
            BytesFile.Text("README.txt", () => ReadmeText.Render(image, system, systemFailure, holes)),
            new RenderedFile("coverage.txt", () => Encoding.UTF8.GetBytes(MountCoverage(linked.Value, unlinked.Value.Views, holes)), cache),
            new RenderedFile("patches.txt", () => Encoding.UTF8.GetBytes(
                PatchesText.ForMount(linked.Value.Select(v => (v, "processes/" + v.DirectoryName)), cache)), cache),
            new RenderedFile("findings.txt", () => Encoding.UTF8.GetBytes(FindingsReport.Render("every process",
                FindingsReport.Find(FindingsReport.Subjects(linked.Value, unlinked.Value.Views, cache)))), cache),
            new VfsDirectory("image", () => ImageChildren(image, space, system, systemFailure, cache)),
            new VfsDirectory("processes", () => linked.Value.Select(view => ProcessDirectory(view, false, cache))),
            new VfsDirectory("unlinked", () => system is null ? [] : UnlinkedChildren(unlinked.Value.Views, unlinked.Value.Readme, cache)),
            new VfsDirectory("kernel", () => KernelChildren(image, system, cache, holes)),
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

    /// <summary>/kernel: drivers.txt when the image lists its drivers itself (a triage dump); when the kernel was read,
    /// modules/, vmem (the kernel half of the address space), vadmap.txt (what its page tables map) and vtop/.</summary>
    private static IEnumerable<VfsNode> KernelChildren(PhysicalImage image, WindowsSystem? system, ChunkCache cache, HolePolicy holes)
    {
        if (image.Facts.Modules.Count > 0) yield return BytesFile.Text("drivers.txt", () => DriverListText.Render(image.Facts.Modules));
        if (system is null) yield break;
        yield return KernelModules(system, cache, holes);
        var kernel = new KernelView(system, holes);
        yield return new KernelVmemFile(kernel, cache);
        yield return new RenderedFile("vadmap.txt", () => Encoding.UTF8.GetBytes(KernelMapText.Render(kernel)), cache);
        yield return new VfsDirectory("vtop", () => [KnownBytesFile.Text("README.txt", KernelTexts.VtopReadme)], file => KernelVtopFile(kernel, file));
    }

    /// <summary>/kernel/modules: every driver on PsLoadedModuleList, recovered like a process's modules.</summary>
    private static VfsDirectory KernelModules(WindowsSystem system, ChunkCache cache, HolePolicy holes)
    {
        var recoveries = new ImageRecoveries(() => new VirtualMemory(system.Translator, system.Translator.KernelDtb, null, holes));
        return ImageFiles.ModulesDirectory(() => LoadedImage.OfKernel(system.KernelModules().Modules), recoveries, "the kernel", cache);
    }

    /// <summary>/unlinked: processes found by scanning physical memory for EPROCESS objects, not on the active list.</summary>
    private static IEnumerable<VfsNode> UnlinkedChildren(IReadOnlyList<ProcessView> views, string readme, ChunkCache cache)
    {
        yield return KnownBytesFile.Text("README.txt", readme);
        foreach (var view in views) yield return ProcessDirectory(view, true, cache);
    }

    private static (IReadOnlyList<ProcessView>, string) UnlinkedViews(WindowsSystem? system, HolePolicy holes)
    {
        if (system is null) return ([], "");
        var scanned = system.ScannedProcesses;
        var views = scanned.Where(s => s.Process is not null).Select(s => new ProcessView(system, s.Process!, holes)).ToArray();
        return (views, ProcessTexts.UnlinkedReadme(scanned));
    }

    /// <summary>/coverage.txt: every process's coverage (linked, then unlinked) summed; it classifies every page of every process.</summary>
    private static string MountCoverage(IReadOnlyList<ProcessView> linked, IReadOnlyList<ProcessView> unlinked, HolePolicy holes)
    {
        var parts = linked.Select(v => (Name(v), v.Coverage)).Concat(unlinked.Select(v => ("unlinked/" + Name(v), v.Coverage))).ToArray();
        var total = new PageCoverage();
        foreach (var (_, part) in parts) total.Add(part);
        return CoverageText.Render($"all {parts.Length} processes", total, holes, parts);
        static string Name(ProcessView v) => $"{v.Process.Pid}-{v.Process.Name}";
    }

    /// <param name="onlyScanFound">Whether the process is under /unlinked: only the EPROCESS scan found it.</param>
    private static VfsDirectory ProcessDirectory(ProcessView view, bool onlyScanFound, ChunkCache cache)
    {
        var name = view.DirectoryName;
        IEnumerable<VfsNode> Children()
        {
            yield return BytesFile.Text("info.txt", () => ProcessTexts.Info(view));
            yield return new VmemFile(view, cache);
            yield return new MinidumpFile(view, KernelThreads.Instance, cache);
            yield return BytesFile.Text("vads.txt", () => ProcessTexts.Vads(view));
            yield return BytesFile.Text("vadmap.txt", () => VadMapText.Render(view));
            yield return new RenderedFile("threads.txt", () => Encoding.UTF8.GetBytes(ThreadsText.Render(view)), cache);
            yield return new RenderedFile("handles.txt", () => Encoding.UTF8.GetBytes(HandlesText.Render(view)), cache);
            yield return new RenderedFile("ldrmodules.txt", () => Encoding.UTF8.GetBytes(LdrModulesText.Render(view)), cache);
            yield return new RenderedFile("coverage.txt", () => System.Text.Encoding.UTF8.GetBytes(
                CoverageText.Render($"{view.Process.Pid} {view.Process.Name}", view.Coverage, view.Holes)), cache);
            yield return new RenderedFile("vmem.png", () => VmemPicture.Render(view), cache);
            yield return new VfsDirectory("regions", () => view.DataVads.Select(v => new RegionFile(view, v, cache)));
            yield return new VfsDirectory("vtop", () => [KnownBytesFile.Text("README.txt", ProcessTexts.VtopReadme)], file => VtopFile(view, file));
            var owner = $"{view.Process.Pid} {view.Process.Name}";
            if (view.MainImage() is { } main)
                foreach (var file in ImageFiles.Of(view.Recoveries, owner, main, cache))
                    yield return file;
            yield return ImageFiles.ModulesDirectory(() => view.Images, view.Recoveries, owner, cache);
            yield return new RenderedFile(UnloadedText.FileName, () => Encoding.UTF8.GetBytes(UnloadedText.Render(view)), cache);
            yield return new RenderedFile("patches.txt", () => Encoding.UTF8.GetBytes(PatchesText.ForProcess(view, cache)), cache);
            var subject = FindingSubject.Of(view, onlyScanFound, cache);
            yield return new RenderedFile("findings.txt", () => Encoding.UTF8.GetBytes(
                FindingsReport.Render($"{view.Process.Pid} {view.Process.Name}", FindingsReport.Find(subject))), cache);
        }
        return view.Process.CreateTime is { } created ? new VfsDirectory(name, Children) { Time = created } : new VfsDirectory(name, Children);
    }

    private static VfsNode? VtopFile(ProcessView view, string name) =>
        VtopName.TryParse(name, out var va) ? BytesFile.Text(name, () => ProcessTexts.Vtop(view, va)) : null;

    /// <summary>/kernel/vtop/&lt;kernel address&gt;.txt: only kernel-half addresses resolve.</summary>
    private static VfsNode? KernelVtopFile(KernelView kernel, string name) =>
        VtopName.TryParse(name, out var va) && WindowsTranslator.IsKernel(va) ? BytesFile.Text(name, () => KernelTexts.Vtop(kernel, va)) : null;
}
