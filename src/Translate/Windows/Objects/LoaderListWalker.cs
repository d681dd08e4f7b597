using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// Reads a loader list: a process's PEB_LDR_DATA.InLoadOrderModuleList (_LDR_DATA_TABLE_ENTRY), or the kernel's
/// PsLoadedModuleList (_KLDR_DATA_TABLE_ENTRY). InLoadOrderLinks is the first member of both.
/// </summary>
public static class LoaderListWalker
{
    public sealed record Result(IReadOnlyList<ModuleInfo> Modules, IReadOnlyList<string> Problems);

    public static Result Walk(KernelStructReader memory, KernelProfile profile, ulong listHead, bool kernelModules)
    {
        var type = EntryType(profile, kernelModules);
        var links = (ulong)(profile.Offset($"{type}.InLoadOrderLinks") ?? 0);
        var list = LinkedListWalker.Walk(memory, listHead, userSpace: !kernelModules);
        var modules = new List<ModuleInfo>();
        var problems = new List<string>(list.Problems);
        foreach (var link in list.Entries)
        {
            var entry = link - links;
            if (!memory.TryU64(entry + (ulong)profile.Require($"{type}.DllBase"), out var dllBase)
                || !memory.TryU32(entry + (ulong)profile.Require($"{type}.SizeOfImage"), out var size))
            {
                problems.Add($"{type} at 0x{entry:X} cannot be read");
                continue;
            }
            modules.Add(new ModuleInfo(dllBase, size, memory.UnicodeString(entry + (ulong)profile.Require($"{type}.FullDllName")),
                memory.UnicodeString(entry + (ulong)profile.Require($"{type}.BaseDllName")), entry));
        }
        return new Result(modules, problems);
    }

    /// <summary>
    /// The kernel's list entries are _KLDR_DATA_TABLE_ENTRY; kernels whose symbols lack that type (Windows 7's) lay
    /// them out like _LDR_DATA_TABLE_ENTRY in the members read here (InLoadOrderLinks, DllBase, SizeOfImage, names).
    /// </summary>
    public static string EntryType(KernelProfile profile, bool kernelModules) =>
        kernelModules && profile.Offset("_KLDR_DATA_TABLE_ENTRY.DllBase") is not null ? "_KLDR_DATA_TABLE_ENTRY" : "_LDR_DATA_TABLE_ENTRY";

    /// <summary>A process's modules: PEB → Ldr → InLoadOrderModuleList, read in the process's address space.</summary>
    public static Result ProcessModules(KernelStructReader processMemory, KernelProfile profile, ulong peb)
    {
        if (!processMemory.TryU64(peb + (ulong)profile.Require("_PEB.Ldr"), out var ldr) || ldr == 0)
            return new Result([], [$"PEB 0x{peb:X}: Ldr cannot be read (paged out or not initialised)"]);
        return Walk(processMemory, profile, ldr + (ulong)profile.Require("_PEB_LDR_DATA.InLoadOrderModuleList"), kernelModules: false);
    }
}
