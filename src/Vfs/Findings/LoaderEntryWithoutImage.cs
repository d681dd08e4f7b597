using MemFs.Vfs.Executables;
using MemFs.Vfs.LoaderLists;

namespace MemFs.Vfs.Findings;

/// <summary>An entry of any PEB_LDR_DATA list whose DllBase no image VAD starts at: the list names a module that is not mapped as an image.</summary>
internal sealed class LoaderEntryWithoutImage : IFindingProvider
{
    public const string Kind = "loader-entry-without-image";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        foreach (var image in view.Images.Where(i => i.InLoaderList && (i.Vad is null || !LoadedImage.IsImage(i.Vad))))
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, image.Base, image.Base + Math.Max(image.Size ?? 1, 1) - 1, image.Name,
                $"{ExpectedLoaderLists.Names(image.Lists)} names a module at this base but no image VAD maps one there: a forged or stale loader entry",
                $"{subject.Directory}/vtop/0x{image.Base:X}.txt", image.Lists);
    }
}
