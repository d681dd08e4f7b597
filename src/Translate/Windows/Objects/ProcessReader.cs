using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Objects;

/// <summary>Reads the fields of one EPROCESS with the profile's offsets.</summary>
public sealed class ProcessReader(KernelStructReader kernel, KernelProfile profile)
{
    /// <summary>EPROCESS.ImageFileName is UCHAR[15].</summary>
    private const int ImageFileNameLength = 15;

    public KernelProfile Profile => profile;

    /// <summary>The process at <paramref name="eprocess"/>, or null with a reason when its core fields cannot be read.</summary>
    public ProcessInfo? Read(ulong eprocess, bool inActiveList, out string? problem)
    {
        problem = null;
        if (!kernel.TryU64(eprocess + (ulong)profile.Require("_EPROCESS.UniqueProcessId"), out var pid)
            || !kernel.TryU64(eprocess + (ulong)profile.Require("_KPROCESS.DirectoryTableBase"), out var dtb))
        {
            problem = $"EPROCESS 0x{eprocess:X} cannot be read";
            return null;
        }
        var name = kernel.AsciiName(eprocess + (ulong)profile.Require("_EPROCESS.ImageFileName"), ImageFileNameLength) ?? "?";
        return new ProcessInfo(eprocess, (long)pid, Optional("_EPROCESS.InheritedFromUniqueProcessId", eprocess) is { } ppid ? (long)ppid : null,
            name, dtb, Optional("_KPROCESS.UserDirectoryTableBase", eprocess), Optional("_EPROCESS.Peb", eprocess),
            FileTime(Optional("_EPROCESS.CreateTime", eprocess)), FileTime(Optional("_EPROCESS.ExitTime", eprocess)), inActiveList,
            Optional("_EPROCESS.WoW64Process", eprocess) ?? Optional("_EPROCESS.Wow64Process", eprocess));
    }

    private ulong? Optional(string field, ulong eprocess) =>
        profile.Offset(field) is { } offset ? kernel.U64(eprocess + (ulong)offset) : null;

    /// <summary>A FILETIME between 1990 and 2200, else null (zero means "not set", e.g. a process that has not exited).</summary>
    public static DateTime? FileTime(ulong? value) =>
        value is > 0x01B0_0000_0000_0000 and < 0x0300_0000_0000_0000 ? DateTime.FromFileTimeUtc((long)value.Value) : null;
}
