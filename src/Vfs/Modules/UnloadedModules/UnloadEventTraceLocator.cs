using System.Buffers.Binary;
using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Modules.UnloadedModules;

/// <summary>
/// Where ntdll keeps RtlpUnloadEventTrace, found without symbols the way a debugger asks for it: ntdll's export
/// RtlGetUnloadEventTrace returns the array's address, and its x64 body is exactly <c>lea rax,[rip+disp32]; ret</c>
/// (48 8D 05 disp32 C3). Any other body is not decoded.
/// </summary>
internal static class UnloadEventTraceLocator
{
    public const string Export = "RtlGetUnloadEventTrace";
    private const int BodySize = 8;
    private const int NextInstruction = 7;

    /// <summary>The array's address, or null with why it cannot be found. The whole array
    /// (<paramref name="arrayBytes"/>) must lie inside the image, where the loader's global is.</summary>
    public static ulong? Locate(PeImageView ntdll, int arrayBytes, out string? why)
    {
        var exports = ntdll.ReadExports(out var reason);
        if (!exports.TryGetValue(Export, out var rva)) return Fail(out why, $"ntdll.dll exports no {Export} ({reason ?? "not among its named exports"})");
        var body = new byte[BodySize];
        if (!ntdll.TryReadRva(rva, body, out reason)) return Fail(out why, $"{Export} at RVA 0x{rva:X} is unreadable: {reason}");
        if (body[0] != 0x48 || body[1] != 0x8D || body[2] != 0x05 || body[7] != 0xC3)
            return Fail(out why, $"{Export} at RVA 0x{rva:X} starts {Convert.ToHexString(body)}, not lea rax,[rip+disp32]; ret (48 8D 05 disp32 C3)");
        var target = (long)rva + NextInstruction + BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(3));
        if (target < 0 || target + arrayBytes > ntdll.SizeOfImage)
            return Fail(out why, $"{Export} points at RVA 0x{target:X}, where its 0x{arrayBytes:X}-byte array would not lie inside ntdll.dll (SizeOfImage 0x{ntdll.SizeOfImage:X})");
        why = null;
        return ntdll.Base + (ulong)target;
    }

    private static ulong? Fail(out string? why, string reason)
    {
        why = reason;
        return null;
    }
}
