using MemFs.Vfs.Executables;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Modules.UnloadedModules;

/// <summary>
/// A process's user-mode unloaded modules: ntdll's unload event trace (RtlpUnloadEventTrace), a ring of
/// <see cref="Slots"/> RTL_UNLOAD_EVENT_TRACE records (RTL_UNLOAD_EVENT_TRACE_NUMBER, Windows Vista and later), found
/// through <see cref="UnloadEventTraceLocator"/> and read from the process's memory only (the array is writable
/// data: the file on disk never holds it). Modules are oldest first (by Sequence); empty slots are skipped. A record
/// that cannot be one means the address is not the trace: then there is no list, and <see cref="Missing"/> says why.
/// </summary>
internal sealed record UnloadEventTrace(IReadOnlyList<UnloadedModule> Modules, ulong? Address, string? Missing, IReadOnlyList<string> Unreadable)
{
    public const int Slots = 64;
    private const string Ntdll = "ntdll.dll";

    public static UnloadEventTrace Read(ProcessView view)
    {
        string? first = null;
        foreach (var image in view.Images.Where(i => i.Base < ProcessView.UserSpace && string.Equals(i.Name, Ntdll, StringComparison.OrdinalIgnoreCase)))
        {
            var trace = ReadFrom(view, image);
            if (trace.Missing is null) return trace;
            first ??= trace.Missing;
        }
        return None(null, first ?? $"no {Ntdll} is mapped in user space");
    }

    private static UnloadEventTrace ReadFrom(ProcessView view, LoadedImage image)
    {
        var where = $"{Ntdll} at 0x{image.Base:X}";
        try
        {
            if (view.Recoveries.Recover(image, out var why) is not { } recovered) return None(null, $"{where} cannot be read: {why}");
            if (ModuleImage.Open(recovered, out why) is not { } module) return None(null, $"{where} has no readable headers: {why}");
            if (!module.View.Is64Bit) return None(null, $"{where} is a 32-bit image: only the x64 record layout is read");
            if (UnloadEventTraceLocator.Locate(module.View, Slots * UnloadEventRecord.Size, out why) is not { } address) return None(null, $"{where}: {why}");
            return Records(module.Reader, address);
        }
        catch (IOException e)
        {
            return None(null, $"{where}: {e.Message}");
        }
    }

    private static UnloadEventTrace Records(ModuleImageReader reader, ulong address)
    {
        var modules = new List<UnloadedModule>();
        var unreadable = new List<string>();
        var record = new byte[UnloadEventRecord.Size];
        for (var slot = 0; slot < Slots; slot++)
        {
            var va = address + (ulong)(slot * UnloadEventRecord.Size);
            if (!reader.TryReadMemory(va, record, out var why))
            {
                unreadable.Add($"slot {slot} at 0x{va:X}: {why}");
                continue;
            }
            if (UnloadEventRecord.Parse(record, out why) is { } module) modules.Add(module);
            else if (why is not null) return None(address, $"slot {slot} at 0x{va:X} is not an RTL_UNLOAD_EVENT_TRACE record ({why}), so 0x{address:X} is not the unload event trace");
        }
        if (unreadable.Count == Slots) return None(address, $"the array at 0x{address:X} is unreadable: {unreadable[0]}");
        return new UnloadEventTrace(modules.OrderBy(m => m.Sequence).ToArray(), address, null, unreadable);
    }

    private static UnloadEventTrace None(ulong? address, string why) => new([], address, why, []);
}
