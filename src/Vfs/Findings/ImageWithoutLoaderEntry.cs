namespace MemFs.Vfs.Findings;

/// <summary>
/// An image VAD whose base no entry of the three PEB_LDR_DATA lists names: a module unlinked from every list to hide
/// it, or mapped without the loader (ldrmodules-style).
/// </summary>
internal sealed class ImageWithoutLoaderEntry : IFindingProvider
{
    public const string Kind = "image-not-in-loader-list";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        var view = subject.View;
        foreach (var image in view.Images.Where(i => !i.InLoaderList && i.Vad is not null))
            yield return new Finding(Kind, view.Process.Pid, view.Process.Name, image.Vad!.Start, image.Vad.End, image.DiskPath ?? image.Name,
                "an image is mapped here but none of the three PEB loader lists names it: unlinked to hide it, or mapped without the loader",
                $"{subject.Directory}/modules/{image.Name}", image.Lists);
    }
}
