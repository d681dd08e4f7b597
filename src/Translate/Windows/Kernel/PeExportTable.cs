using System.Buffers.Binary;
using System.Text;
using MemFs.Aff4.Binary;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A loaded image's IMAGE_EXPORT_DIRECTORY read whole: the DLL name, the ordinal base, every exported function with
/// its names and forwarders. Counts above <see cref="PeImageView.MaxExports"/> are cut to it (and said so in
/// <see cref="Capped"/>); RVAs outside the image are dropped and counted.
/// </summary>
public sealed record PeExportTable(uint DirectoryRva, uint DirectorySize, string? DllName, uint OrdinalBase, uint NumberOfFunctions, uint NumberOfNames,
    IReadOnlyList<PeExport> Exports, string? Capped, int OutsideImage)
{
    private const int MaxExportBlock = 16 << 20;

    // IMAGE_EXPORT_DIRECTORY (PE format, "Export Directory Table").
    private const int NameField = 0x0C;
    private const int BaseField = 0x10;

    /// <summary>Whether <paramref name="rva"/> lies in the export directory (a forwarder string, not code).</summary>
    public bool IsForwarderRva(uint rva) => rva >= DirectoryRva && rva - DirectoryRva < DirectorySize;

    /// <summary>The image's export table, or null with why (no export directory, outside the image, unreadable).</summary>
    public static PeExportTable? Read(PeImageView image, out string? why)
    {
        var export = image.Directory(PeDataDirectory.Export);
        if (export.Rva == 0 || export.Size < PeExportDirectory.Size) return Fail(out why, "no export directory");
        if ((ulong)export.Rva + export.Size > image.SizeOfImage || export.Size > MaxExportBlock)
            return Fail(out why, $"export directory 0x{export.Rva:X}+0x{export.Size:X} lies outside the image");
        var block = new byte[export.Size];
        if (!image.TryReadRva(export.Rva, block, out var reason)) return Fail(out why, $"export directory unreadable: {reason}");
        PeExportDirectory directory;
        uint nameRva, ordinalBase;
        try
        {
            var reader = ImageReader.Over(block, $"PE image at 0x{image.Base:X}", export.Rva, "IMAGE_EXPORT_DIRECTORY");
            directory = PeExportDirectory.Read(reader);
            nameRva = reader.U32(NameField, "Name");
            ordinalBase = reader.U32(BaseField, "Base");
        }
        catch (ImageFormatException e)
        {
            return Fail(out why, e.Message);
        }
        var (declaredFunctions, declaredNames) = (directory.NumberOfFunctions, directory.NumberOfNames);
        string? capped = null;
        if (declaredFunctions > PeImageView.MaxExports || declaredNames > PeImageView.MaxExports)
            capped = $"{declaredFunctions} functions / {declaredNames} names exceed {PeImageView.MaxExports}: only the first {PeImageView.MaxExports} of each are read";
        var functionCount = (int)Math.Min(declaredFunctions, PeImageView.MaxExports);
        var nameCount = (int)Math.Min(declaredNames, PeImageView.MaxExports);
        var functions = new byte[functionCount * 4];
        var names = new byte[nameCount * 4];
        var ordinals = new byte[nameCount * 2];
        if (!ReadArray(image, directory.AddressOfFunctions, functions, block, export.Rva, out reason)
            || !ReadArray(image, directory.AddressOfNames, names, block, export.Rva, out reason)
            || !ReadArray(image, directory.AddressOfNameOrdinals, ordinals, block, export.Rva, out reason))
            return Fail(out why, $"export arrays unreadable: {reason}{(capped is null ? "" : $" ({capped})")}");

        var namesOf = new List<string>?[functionCount];
        Span<byte> buffer = stackalloc byte[PeImageView.MaxNameLength];
        for (var i = 0; i < nameCount; i++)
        {
            var index = BinaryPrimitives.ReadUInt16LittleEndian(ordinals.AsSpan(i * 2));
            if (index >= functionCount) continue;
            if (ReadString(image, BinaryPrimitives.ReadUInt32LittleEndian(names.AsSpan(i * 4)), block, export.Rva, buffer) is { } name)
                (namesOf[index] ??= []).Add(name);
        }
        var exports = new List<PeExport>(functionCount);
        var outside = 0;
        for (var index = 0; index < functionCount; index++)
        {
            var rva = BinaryPrimitives.ReadUInt32LittleEndian(functions.AsSpan(index * 4));
            if (rva == 0) continue;
            if (rva >= image.SizeOfImage)
            {
                outside++;
                continue;
            }
            var forwarder = rva >= export.Rva && rva - export.Rva < export.Size ? ReadString(image, rva, block, export.Rva, buffer) ?? "?" : null;
            var ordinal = unchecked(ordinalBase + (uint)index);
            if (namesOf[index] is { } all)
                foreach (var name in all) exports.Add(new PeExport(ordinal, rva, name, forwarder));
            else exports.Add(new PeExport(ordinal, rva, null, forwarder));
        }
        why = null;
        var dllName = nameRva == 0 ? null : ReadString(image, nameRva, block, export.Rva, buffer);
        return new PeExportTable(export.Rva, export.Size, dllName, ordinalBase, declaredFunctions, declaredNames, exports, capped, outside);
    }

    /// <summary>Copies from the export block when the array lies in it (the usual layout), else reads it from the image.</summary>
    private static bool ReadArray(PeImageView image, uint rva, byte[] destination, byte[] block, uint blockRva, out string? why)
    {
        why = null;
        if (destination.Length == 0) return true;
        if (rva >= blockRva && (ulong)(rva - blockRva) + (ulong)destination.Length <= (ulong)block.Length)
        {
            block.AsSpan((int)(rva - blockRva), destination.Length).CopyTo(destination);
            return true;
        }
        return image.TryReadRva(rva, destination, out why);
    }

    /// <summary>A NUL-terminated ASCII string of at most <see cref="PeImageView.MaxNameLength"/> bytes, or null when empty or unreadable.</summary>
    private static string? ReadString(PeImageView image, uint rva, byte[] block, uint blockRva, Span<byte> buffer)
    {
        ReadOnlySpan<byte> bytes;
        if (rva >= blockRva && rva - blockRva < block.Length)
        {
            bytes = block.AsSpan((int)(rva - blockRva));
            if (bytes.Length > buffer.Length) bytes = bytes[..buffer.Length];
        }
        else
        {
            var n = (int)Math.Min(buffer.Length, Math.Max(0, (long)image.SizeOfImage - rva));
            if (n == 0 || !image.TryReadRva(rva, buffer[..n], out _)) return null;
            bytes = buffer[..n];
        }
        var end = bytes.IndexOf((byte)0);
        return end <= 0 ? null : Encoding.ASCII.GetString(bytes[..end]);
    }

    private static PeExportTable? Fail(out string? why, string reason)
    {
        why = reason;
        return null;
    }
}
