namespace MemFs.Vfs.Modules;

/// <summary>One DLL an image imports from (an import or delay-load descriptor) and its functions; a problem reading them is said, not thrown.</summary>
internal sealed record ImportedModule(string Name, bool DelayLoad, IReadOnlyList<ImportedFunction> Functions, string? Problem);
