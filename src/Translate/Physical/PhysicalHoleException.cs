namespace MemFs.Translate.Physical;

/// <summary>A read touched a physical address the image does not hold.</summary>
internal sealed class PhysicalHoleException(long address, string image, string? reason = null)
    : IOException($"{image}: physical address 0x{address:X} is not in the image" + (reason is null ? "" : $" ({reason})"))
{
    public long Address { get; } = address;
}
