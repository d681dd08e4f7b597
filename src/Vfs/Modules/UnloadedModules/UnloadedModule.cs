namespace MemFs.Vfs.Modules.UnloadedModules;

/// <summary>One RTL_UNLOAD_EVENT_TRACE record: a DLL the loader unloaded, where it was and what its headers said.</summary>
internal sealed record UnloadedModule(ulong Base, ulong Size, uint Sequence, uint TimeDateStamp, uint CheckSum, string Name);
