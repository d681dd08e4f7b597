using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Executables;

namespace MemFs.Vfs.LoaderLists;

/// <summary>
/// Which PEB_LDR_DATA lists the loader links an image into: all three for a DLL; InLoadOrderModuleList and
/// InMemoryOrderModuleList for the main executable, which is not initialised as a DLL and so is never on
/// InInitializationOrderModuleList.
/// </summary>
internal static class ExpectedLoaderLists
{
    public static LoaderListMembership Of(LoadedImage image, ulong? mainImageBase) =>
        image.Base == mainImageBase ? LoaderListMembership.InLoadOrder | LoaderListMembership.InMemoryOrder : LoaderListMembership.All;

    /// <summary>The lists an image on at least one list is missing from (None for an image on no list: that is another finding).</summary>
    public static LoaderListMembership Missing(LoadedImage image, ulong? mainImageBase) =>
        image.InLoaderList ? Of(image, mainImageBase) & ~image.Lists : LoaderListMembership.None;

    /// <summary>"InMemoryOrderModuleList and InInitializationOrderModuleList".</summary>
    public static string Names(LoaderListMembership lists)
    {
        var names = new List<string>();
        if (lists.HasFlag(LoaderListMembership.InLoadOrder)) names.Add("InLoadOrderModuleList");
        if (lists.HasFlag(LoaderListMembership.InMemoryOrder)) names.Add("InMemoryOrderModuleList");
        if (lists.HasFlag(LoaderListMembership.InInitializationOrder)) names.Add("InInitializationOrderModuleList");
        return names.Count == 0 ? "no list" : string.Join(" and ", names);
    }
}
