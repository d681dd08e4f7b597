using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// Reads a loader list: a process's PEB_LDR_DATA lists (_LDR_DATA_TABLE_ENTRY), or the kernel's PsLoadedModuleList
/// (_KLDR_DATA_TABLE_ENTRY). InLoadOrderLinks is the first member of both.
/// </summary>
public static class LoaderListWalker
{
    public sealed record Result(IReadOnlyList<ModuleInfo> Modules, IReadOnlyList<string> Problems);

    /// <summary>The list at <paramref name="listHead"/>; <paramref name="kernelModules"/> says it is PsLoadedModuleList (kernel addresses).</summary>
    internal static Result Walk(KernelStructReader memory, LoaderEntryLayout layout, ulong listHead, bool kernelModules) =>
        Walk(memory, layout, listHead, layout.InLoadOrderLinks, kernelModules);

    /// <summary>The list at <paramref name="listHead"/> whose entries are linked by the member at <paramref name="links"/>.</summary>
    private static Result Walk(KernelStructReader memory, LoaderEntryLayout layout, ulong listHead, int links, bool kernelModules)
    {
        var list = LinkedListWalker.Walk(memory, listHead, userSpace: !kernelModules);
        var modules = new List<ModuleInfo>();
        var problems = new List<string>(list.Problems);
        foreach (var link in list.Entries)
        {
            var entry = link - (ulong)links;
            if (!memory.TryU64(entry + (ulong)layout.DllBase, out var dllBase) || !memory.TryU32(entry + (ulong)layout.SizeOfImage, out var size))
            {
                problems.Add($"{layout.Type} at 0x{entry:X} cannot be read");
                continue;
            }
            modules.Add(new ModuleInfo(dllBase, size, memory.UnicodeString(entry + (ulong)layout.FullDllName),
                memory.UnicodeString(entry + (ulong)layout.BaseDllName), entry));
        }
        return new Result(modules, problems);
    }

    /// <summary>A process's modules: PEB → Ldr → InLoadOrderModuleList, read in the process's address space.</summary>
    internal static Result ProcessModules(KernelStructReader processMemory, PebLayout peb, LoaderEntryLayout entries, ulong pebAddress)
    {
        if (!processMemory.TryU64(pebAddress + (ulong)peb.Ldr, out var ldr) || ldr == 0)
            return new Result([], [$"PEB 0x{pebAddress:X}: Ldr cannot be read (paged out or not initialised)"]);
        return Walk(processMemory, entries, ldr + (ulong)peb.InLoadOrderModuleList, kernelModules: false);
    }

    /// <summary>
    /// A process's three PEB_LDR_DATA lists, each walked on its own (bounded and cycle-safe), merged by entry address:
    /// an entry unlinked from one list to hide it is still found through the others.
    /// </summary>
    internal static ProcessLoaderLists ProcessLists(KernelStructReader processMemory, PebLayout peb, LoaderEntryLayout entries, LoaderListsLayout lists, ulong pebAddress)
    {
        if (!processMemory.TryU64(pebAddress + (ulong)peb.Ldr, out var ldr) || ldr == 0)
            return new ProcessLoaderLists([], [$"PEB 0x{pebAddress:X}: Ldr cannot be read (paged out or not initialised)"]);
        var byEntry = new Dictionary<ulong, (ModuleInfo Module, LoaderListMembership Lists)>();
        var order = new List<ulong>();
        var problems = new List<string>();
        foreach (var list in lists.Lists)
        {
            var walked = Walk(processMemory, entries, ldr + (ulong)list.Head, list.Links, kernelModules: false);
            problems.AddRange(walked.Problems.Select(p => $"{list.Name}: {p}"));
            foreach (var module in walked.Modules)
            {
                if (byEntry.TryGetValue(module.Entry, out var known)) byEntry[module.Entry] = (known.Module, known.Lists | list.List);
                else
                {
                    byEntry[module.Entry] = (module, list.List);
                    order.Add(module.Entry);
                }
            }
        }
        return new ProcessLoaderLists(order.Select(e => new LoaderModule(byEntry[e].Module, byEntry[e].Lists)).ToList(), problems);
    }
}
