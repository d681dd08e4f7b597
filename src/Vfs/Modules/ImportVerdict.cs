using MemFs.Translate.Windows.Kernel;
using MemFs.Vfs.Executables;

namespace MemFs.Vfs.Modules;

/// <summary>
/// Where one IAT slot points and whether that is suspicious. The rule: a slot is normal when it points into the
/// imported DLL; or the DLL's export of that name or ordinal is a forwarder and the slot points into the forwarder's
/// target DLL (kernel32!HeapAlloc → NTDLL.RtlAllocateHeap), or the forwarder or the imported name is an API set
/// (api-ms-*, ext-ms-*: the schema that maps it to a host DLL is not read, so any loaded module is accepted); or it
/// is a delay-load slot still pointing into the importing image (its resolver thunk, not yet bound). A slot pointing
/// A slot still holding its lookup table entry was never bound (not flagged). A slot pointing
/// outside every loaded module is flagged as a possible hook, one pointing into any other module as redirected.
/// </summary>
internal static class ImportVerdict
{
    public const string OutsideEveryModule = "HOOK? IAT entry points outside every loaded module";

    /// <summary>The slot's target ("module!Export+0xN") and a flag, or null flag when the slot is normal.</summary>
    public static (string Target, string? Flag) Of(ImportedFunction function, ImportedModule imported, LoadedImage importer, LoadedModules modules)
    {
        if (function.Value is not { } value) return ($"unreadable: {function.ValueMissing}", null);
        if (value == 0) return ("0 (not bound)", null);
        if (function.Lookup != 0 && value == function.Lookup) return ("not bound: the slot still holds its lookup table entry", null);
        var target = modules.Describe(value);
        if (modules.Containing(value) is not { } into) return (target, OutsideEveryModule);
        if (SameModule(into.Name, imported.Name)) return (target, null);
        if (imported.DelayLoad && into.Base == importer.Base) return (target + " (delay-load thunk, not yet bound)", null);
        if (IsApiSet(imported.Name)) return (target + $" (API set {imported.Name})", null);
        if (Forwarder(function, imported, modules) is { } forwarder)
        {
            var dll = forwarder[..Math.Max(0, forwarder.LastIndexOf('.'))];
            if (IsApiSet(dll) || SameModule(into.Name, dll)) return (target + $" (forwarded: {imported.Name} -> {forwarder})", null);
            return (target, $"REDIRECTED? {imported.Name} forwards to {forwarder}, but the entry points into {into.Name}");
        }
        return (target, $"REDIRECTED? IAT entry points into {into.Name}, not {imported.Name}");
    }

    public static bool IsApiSet(string name) =>
        name.StartsWith("api-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ext-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a loaded image's name and an import's DLL name (which may lack ".dll", as forwarders do) are the same module.</summary>
    public static bool SameModule(string loaded, string imported) =>
        string.Equals(loaded, imported, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Path.GetFileNameWithoutExtension(loaded), imported, StringComparison.OrdinalIgnoreCase);

    /// <summary>The imported DLL's forwarder string for this function, when the DLL is loaded and forwards it.</summary>
    private static string? Forwarder(ImportedFunction function, ImportedModule imported, LoadedModules modules)
    {
        if (modules.Named(imported.Name) is not { } dll || modules.ExportsOf(dll) is not { } table) return null;
        foreach (var export in table.Exports)
            if (export.Forwarder is not null && (function.Name is { } name ? export.Name == name : export.Ordinal == function.Ordinal))
                return export.Forwarder;
        return null;
    }
}
