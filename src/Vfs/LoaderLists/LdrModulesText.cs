using System.Text;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.LoaderLists;

/// <summary>
/// ldrmodules.txt: one line per image of the process (every image VAD, then loader entries no image VAD maps) with
/// whether each PEB_LDR_DATA list names its base, the mapped file, and what is wrong (ldrmodules-style), then the
/// problems of the list walks.
/// </summary>
internal static class LdrModulesText
{
    public static string Render(ProcessView view)
    {
        var main = view.MainImage()?.Base;
        var images = view.Images.OrderBy(i => i.Vad is null).ThenBy(i => i.Base).ToList();
        var text = new StringBuilder()
            .AppendLine($"# {view.Process.Pid} {view.Process.Name}: {images.Count} images; InLoad/InInit/InMem = whether PEB_LDR_DATA's InLoadOrderModuleList, InInitializationOrderModuleList, InMemoryOrderModuleList name the base")
            .AppendLine("# base | InLoad | InInit | InMem | mapped path | note");
        foreach (var image in images)
        {
            var missing = ExpectedLoaderLists.Missing(image, main);
            var note = image.Vad is null ? "no image VAD maps this base"
                : !image.InLoaderList ? "in no loader list"
                : missing != LoaderListMembership.None ? $"unlinked from {ExpectedLoaderLists.Names(missing)}"
                : image.Base == main ? "main executable (never on the init-order list)" : "";
            text.AppendLine($"0x{image.Base:X} | {Flag(image.Lists, LoaderListMembership.InLoadOrder)} | {Flag(image.Lists, LoaderListMembership.InInitializationOrder)} | " +
                            $"{Flag(image.Lists, LoaderListMembership.InMemoryOrder)} | {image.Vad?.FileName ?? "-"} | {note}".TrimEnd(' ', '|'));
        }
        foreach (var problem in view.LoaderLists.Problems) text.AppendLine($"# {problem}");
        return text.ToString();
    }

    private static string Flag(LoaderListMembership lists, LoaderListMembership list) => lists.HasFlag(list) ? "True" : "False";
}
