using MemFs.Translate.Windows.Objects;

namespace MemFs.Mount.Cli.Json;

/// <summary>Which PEB_LDR_DATA lists name a module, as <c>memfs findings --json</c> gives it.</summary>
internal sealed record LoaderListsRow(bool InLoadOrder, bool InMemoryOrder, bool InInitializationOrder)
{
    public static LoaderListsRow? Of(LoaderListMembership? lists) => lists is { } l
        ? new LoaderListsRow(l.HasFlag(LoaderListMembership.InLoadOrder), l.HasFlag(LoaderListMembership.InMemoryOrder), l.HasFlag(LoaderListMembership.InInitializationOrder))
        : null;
}
