namespace MemFs.Mount.Cli;

/// <summary>Addresses as analysts write them, in text and in JSON.</summary>
internal static class Hex
{
    public static string Of(ulong value) => $"0x{value:X}";

    public static string? Of(ulong? value) => value is { } v ? Of(v) : null;
}
