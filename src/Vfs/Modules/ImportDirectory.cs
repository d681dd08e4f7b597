using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Modules;

/// <summary>
/// Reads an image's import descriptors (IMAGE_IMPORT_DESCRIPTOR, data directory 1) and delay-load descriptors
/// (ImgDelayDescr, data directory 13): for each, the DLL name, the names or ordinals from the import lookup table,
/// and each IAT slot's value as memory holds it. Descriptors, functions and names are bounded; a descriptor chain
/// that does not end within <see cref="MaxModules"/> is cut and said so.
/// </summary>
internal static class ImportDirectory
{
    public const int MaxModules = 1024;
    public const int MaxFunctionsPerModule = 16384;
    public const int MaxFunctions = 65536;
    private const int ImportDirectoryIndex = 1;
    private const int DelayImportDirectoryIndex = 13;

    // IMAGE_IMPORT_DESCRIPTOR (PE format, "Import Directory Table").
    private const int DescriptorSize = 20;
    private const int OriginalFirstThunkField = 0;
    private const int NameField = 12;
    private const int FirstThunkField = 16;

    // ImgDelayDescr (PE format, "Delay-Load Directory Table"): attributes bit 0 set = the fields are RVAs.
    private const int DelayDescriptorSize = 32;
    private const int DelayAttributesField = 0;
    private const int DelayNameField = 4;
    private const int DelayIatField = 12;
    private const int DelayIntField = 16;
    private const uint DelayRvaBased = 1;

    private const int Block = 64;

    public static List<ImportedModule> Read(ModuleImage module, List<string> notes)
    {
        var modules = new List<ImportedModule>();
        var budget = MaxFunctions;
        Walk(module, ImportDirectoryIndex, DescriptorSize, false, modules, notes, ref budget);
        Walk(module, DelayImportDirectoryIndex, DelayDescriptorSize, true, modules, notes, ref budget);
        return modules;
    }

    private static void Walk(ModuleImage module, int index, int size, bool delayed, List<ImportedModule> modules, List<string> notes, ref int budget)
    {
        var view = module.View;
        var kind = delayed ? "delay-load descriptors" : "import descriptors";
        var directory = view.Directory(index);
        if (directory.Rva == 0) return;
        var descriptor = new byte[size];
        for (var i = 0; ; i++)
        {
            if (i == MaxModules)
            {
                notes.Add($"{kind}: no terminating entry within {MaxModules}: the rest is left out");
                return;
            }
            var at = directory.Rva + (ulong)i * (ulong)size;
            if (at + (ulong)size > view.SizeOfImage)
            {
                notes.Add($"{kind}: entry {i} at RVA 0x{at:X} lies outside the image (SizeOfImage 0x{view.SizeOfImage:X})");
                return;
            }
            if (!view.TryReadRva((uint)at, descriptor, out var why))
            {
                notes.Add($"{kind}: entry {i} at RVA 0x{at:X} unreadable: {why}");
                return;
            }
            if (descriptor.AsSpan().IndexOfAnyExcept((byte)0) < 0) return;
            uint nameRva, lookupRva, iatRva;
            if (delayed)
            {
                if ((U32(descriptor, DelayAttributesField) & DelayRvaBased) == 0)
                {
                    notes.Add($"delay-load descriptor {i} holds virtual addresses (pre-VC7 layout): left out");
                    continue;
                }
                (nameRva, lookupRva, iatRva) = (U32(descriptor, DelayNameField), U32(descriptor, DelayIntField), U32(descriptor, DelayIatField));
            }
            else (nameRva, lookupRva, iatRva) = (U32(descriptor, NameField), U32(descriptor, OriginalFirstThunkField), U32(descriptor, FirstThunkField));
            var name = ReadName(view, nameRva) ?? $"(unreadable name at RVA 0x{nameRva:X})";
            modules.Add(Functions(module, name, delayed, lookupRva, iatRva, ref budget));
        }
    }

    private static ImportedModule Functions(ModuleImage module, string name, bool delayed, uint lookupRva, uint iatRva, ref int budget)
    {
        var view = module.View;
        var entry = view.Is64Bit ? 8 : 4;
        var ordinalFlag = view.Is64Bit ? 1UL << 63 : 1UL << 31;
        var functions = new List<ImportedFunction>();
        string? problem = null;
        var names = lookupRva != 0 ? lookupRva : iatRva;
        if (lookupRva == 0) problem = "no import lookup table: names come from the IAT, which the loader overwrites when it binds";
        var chunk = new byte[Block * entry];
        var values = new byte[Block * entry];
        for (var done = 0; ; done += Block)
        {
            if (done >= MaxFunctionsPerModule || functions.Count >= budget)
            {
                problem = $"more than {functions.Count} functions, or the table does not end: cut there";
                break;
            }
            var rva = (ulong)names + (ulong)done * (ulong)entry;
            var n = (int)Math.Min(Block, ((long)view.SizeOfImage - (long)rva) / entry);
            if (n <= 0)
            {
                problem = $"the lookup table runs past the image at RVA 0x{rva:X}";
                break;
            }
            if (!view.TryReadRva((uint)rva, chunk.AsSpan(0, n * entry), out var why))
            {
                problem = $"the lookup table at RVA 0x{rva:X} is unreadable: {why}";
                break;
            }
            var iat = view.Base + iatRva + (ulong)done * (ulong)entry;
            var iatRead = module.Reader.TryReadMemory(iat, values.AsSpan(0, n * entry), out var iatWhy);
            var ended = false;
            for (var j = 0; j < n; j++)
            {
                var thunk = entry == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(j * 8)) : BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(j * 4));
                if (thunk == 0)
                {
                    ended = true;
                    break;
                }
                var slot = iat + (ulong)(j * entry);
                var (value, missing) = iatRead ? (Entry(values, j, entry), (string?)null) : SlotValue(module, slot, entry, iatWhy);
                if (lookupRva == 0) functions.Add(new ImportedFunction(slot, null, 0, null, value, missing, 0));
                else if ((thunk & ordinalFlag) != 0) functions.Add(new ImportedFunction(slot, null, 0, (uint)(thunk & 0xFFFF), value, missing, thunk));
                else functions.Add(ByName(view, (uint)thunk, slot, value, missing) with { Lookup = thunk });
            }
            if (ended) break;
        }
        budget -= functions.Count;
        return new ImportedModule(name, delayed, functions, problem);
    }

    /// <summary>One slot read alone after its block failed: only the slots that are really unreadable are lost.</summary>
    private static (ulong?, string?) SlotValue(ModuleImage module, ulong slot, int entry, string? blockWhy)
    {
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        return module.Reader.TryReadMemory(slot, bytes[..entry], out var why) ? (BinaryPrimitives.ReadUInt64LittleEndian(bytes), null) : (null, why ?? blockWhy);
    }

    private static ImportedFunction ByName(PeImageView view, uint rva, ulong slot, ulong? value, string? missing)
    {
        // IMAGE_IMPORT_BY_NAME: a 2-byte hint, then the NUL-terminated name.
        Span<byte> hint = stackalloc byte[2];
        if (!view.TryReadRva(rva, hint, out _)) return new ImportedFunction(slot, $"(unreadable name at RVA 0x{rva:X})", 0, null, value, missing, 0);
        var name = ReadName(view, rva + 2) ?? $"(unreadable name at RVA 0x{rva + 2:X})";
        return new ImportedFunction(slot, name, BinaryPrimitives.ReadUInt16LittleEndian(hint), null, value, missing, 0);
    }

    private static ulong Entry(byte[] values, int index, int entry) =>
        entry == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan(index * 8)) : BinaryPrimitives.ReadUInt32LittleEndian(values.AsSpan(index * 4));

    private static uint U32(byte[] bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));

    /// <summary>A NUL-terminated ASCII name of at most <see cref="PeImageView.MaxNameLength"/> bytes, or null.</summary>
    private static string? ReadName(PeImageView view, uint rva)
    {
        if (rva == 0 || rva >= view.SizeOfImage) return null;
        var buffer = new byte[(int)Math.Min(PeImageView.MaxNameLength, view.SizeOfImage - rva)];
        // Up to the page end first: a short name near a page end must not need the next page.
        var first = (int)Math.Min(buffer.Length, 0x1000 - rva % 0x1000);
        if (!view.TryReadRva(rva, buffer.AsSpan(0, first), out _)) return null;
        if (Array.IndexOf(buffer, (byte)0, 0, first) < 0 && first < buffer.Length && !view.TryReadRva(rva + (uint)first, buffer.AsSpan(first), out _))
            buffer = buffer[..first];
        var end = Array.IndexOf(buffer, (byte)0);
        return end <= 0 ? null : SectionsText.Printable(Encoding.ASCII.GetString(buffer, 0, end));
    }
}
