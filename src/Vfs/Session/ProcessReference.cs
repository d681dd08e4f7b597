using System.Globalization;

namespace MemFs.Vfs.Session;

/// <summary>
/// How the command line names a process: by PID, or by the kernel address of its EPROCESS (the only unambiguous name
/// for a scanned process whose PID was reused).
/// </summary>
public sealed record ProcessReference(long? Pid, ulong? Eprocess)
{
    /// <summary>x64 kernel space starts here; a 0x value at or above it is an EPROCESS address, anything lower a PID.</summary>
    public const ulong KernelSpaceStart = 0xFFFF_8000_0000_0000;

    public static ProcessReference OfPid(long pid) => new(pid, null);

    /// <summary>Decimal is a PID; 0x hex is a PID below <see cref="KernelSpaceStart"/>, else an EPROCESS address.</summary>
    public static ProcessReference Parse(string text, string what)
    {
        var t = text.Trim().Replace("`", "").Replace("_", "");
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return hex >= KernelSpaceStart ? new ProcessReference(null, hex) : OfPid((long)hex);
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return OfPid(pid);
        throw new ArgumentException($"{what} '{text}': not a PID (decimal or 0x hex) nor an EPROCESS kernel address (0xFFFF8… or above)");
    }

    public override string ToString() => Eprocess is { } address ? $"EPROCESS 0x{address:X}" : $"PID {Pid}";
}
