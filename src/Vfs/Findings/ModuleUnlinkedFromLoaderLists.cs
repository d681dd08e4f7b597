using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.LoaderLists;

namespace MemFs.Vfs.Findings;

/// <summary>
/// A module whose loader entry is on some PEB_LDR_DATA lists but unlinked from others it belongs on: the classic way
/// to hide a DLL from tools that walk one list (ldrmodules-style). The main executable's absence from
/// InInitializationOrderModuleList is normal and not reported.
/// </summary>
internal sealed class ModuleUnlinkedFromLoaderLists : IFindingProvider
{
    public const string Kind = "module-unlinked-from-loader-lists";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        var main = view.MainImage()?.Base;
        foreach (var image in view.Images)
        {
            var missing = ExpectedLoaderLists.Missing(image, main);
            if (missing == LoaderListMembership.None) continue;
            var (start, end) = image.Vad is { } vad ? (vad.Start, vad.End) : (image.Base, image.Base + Math.Max(image.Size ?? 1, 1) - 1);
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, start, end, image.DiskPath ?? image.Name,
                $"the loader entry of {image.Name} is on {ExpectedLoaderLists.Names(image.Lists)} but unlinked from {ExpectedLoaderLists.Names(missing)}: hidden from tools that walk those lists",
                $"{subject.Directory}/ldrmodules.txt", image.Lists);
        }
    }
}
