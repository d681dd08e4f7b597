using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Handles;

/// <summary>
/// Decodes one _HANDLE_TABLE_ENTRY to its object: Windows 8+ keeps the header address in ObjectPointerBits
/// (address &gt;&gt; 4, upper 16 bits all set) and the access in GrantedAccessBits; Windows 7 keeps the header pointer
/// with 3 flag bits in Object and the access in GrantedAccess. Then names the object by its type.
/// </summary>
internal sealed class HandleEntryReader(KernelStructReader kernel, HandleLayout layout, ObjectTypes types)
{
    /// <summary>_OBJECT_HEADER_CREATOR_INFO and _OBJECT_HEADER_NAME_INFO are 0x20 bytes each on x64; they sit below the header in
    /// InfoMask bit order (creator info 0x1 farthest from the header... name info 0x2 next), so name info is at header - 0x20 - (creator ? 0x20 : 0).</summary>
    private const int OptionalHeaderSize = 0x20;

    public HandleInfo? Read(ulong handle, ulong low, ulong high, out string? problem)
    {
        problem = null;
        ulong header;
        uint access;
        if (layout.ObjectPointerBits is { } pointerBits)
        {
            var bits = pointerBits.Extract(low);
            if (bits == 0) return null;
            header = (bits << 4) | 0xFFFF_0000_0000_0000;
            access = (uint)layout.GrantedAccessBits!.Value.Extract(high);
        }
        else
        {
            if (low == 0) return null;
            header = low & ~7UL;
            access = (uint)(layout.GrantedAccess == 8 ? high : high >> (8 * ((layout.GrantedAccess ?? 8) - 8)));
        }
        if (header < 0xFFFF_8000_0000_0000)
        {
            problem = $"handle 0x{handle:X}: object header 0x{header:X} is not a kernel address";
            return null;
        }
        if (!kernel.TryU8(header + (ulong)layout.TypeIndex, out var raw) || !kernel.TryU8(header + (ulong)layout.InfoMask, out var infoMask))
        {
            problem = $"handle 0x{handle:X}: _OBJECT_HEADER at 0x{header:X} cannot be read";
            return null;
        }
        var index = types.Decode(raw, header);
        var typeName = types.Name(index);
        var body = header + (ulong)layout.Body;
        var (name, note) = Name(typeName, header, body, infoMask);
        return new HandleInfo(handle, header, body, access, raw, index, typeName, name, note);
    }

    private (string?, string?) Name(string type, ulong header, ulong body, byte infoMask)
    {
        switch (type)
        {
            case "File":
                return layout.FileName is { } fileName
                    ? (kernel.UnicodeString(body + (ulong)fileName), "_FILE_OBJECT.FileName")
                    : (null, "_FILE_OBJECT.FileName is not in the profile");
            case "Process":
                if (layout.ProcessId is not { } pidOffset || layout.ProcessImageFileName is not { } imageOffset)
                    return (null, "_EPROCESS.UniqueProcessId/ImageFileName are not in the profile");
                var pid = kernel.U64(body + (ulong)pidOffset);
                var image = kernel.AsciiName(body + (ulong)imageOffset, EprocessLayout.ImageFileNameLength);
                return pid is null ? (null, "_EPROCESS.UniqueProcessId cannot be read") : ($"pid {pid} ({image})", "_EPROCESS.UniqueProcessId, ImageFileName");
            case "Thread":
                if (layout.ThreadCid is not { } cid || layout.ThreadUniqueThread is not { } tid) return (null, "_ETHREAD.Cid is not in the profile");
                var thread = kernel.U64(body + (ulong)(cid + tid));
                var owner = kernel.U64(body + (ulong)cid);
                return thread is null ? (null, "_ETHREAD.Cid cannot be read") : ($"tid {thread} (pid {owner})", "_ETHREAD.Cid");
            case "Key":
                return (NameInfo(header, infoMask), "the key's path is not decoded: it needs the registry hive (_CM_KEY_BODY.KeyControlBlock)");
        }
        var named = NameInfo(header, infoMask);
        return (named, (infoMask & 2) == 0 ? "unnamed (no _OBJECT_HEADER_NAME_INFO)" : named is null ? "_OBJECT_HEADER_NAME_INFO cannot be read" : "_OBJECT_HEADER_NAME_INFO.Name");
    }

    private string? NameInfo(ulong header, byte infoMask)
    {
        if ((infoMask & 2) == 0) return null;
        var nameInfo = header - OptionalHeaderSize - ((infoMask & 1) != 0 ? (ulong)OptionalHeaderSize : 0);
        return kernel.UnicodeString(nameInfo + (ulong)layout.NameInfoName);
    }
}
