using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows.Objects;

/// <summary>Reads the fields of one EPROCESS with the resolved EPROCESS layout.</summary>
internal sealed class ProcessReader(KernelStructReader kernel, EprocessLayout layout)
{
    public EprocessLayout Layout => layout;

    /// <summary>The process at <paramref name="eprocess"/>, or null with a reason when its core fields cannot be read.</summary>
    public ProcessInfo? Read(ulong eprocess, bool inActiveList, out string? problem)
    {
        problem = null;
        if (!kernel.TryU64(eprocess + (ulong)layout.UniqueProcessId, out var pid)
            || !kernel.TryU64(eprocess + (ulong)layout.DirectoryTableBase, out var dtb))
        {
            problem = $"EPROCESS 0x{eprocess:X} cannot be read";
            return null;
        }
        var name = kernel.AsciiName(eprocess + (ulong)layout.ImageFileName, EprocessLayout.ImageFileNameLength) ?? "?";
        return new ProcessInfo(eprocess, (long)pid, Optional(layout.InheritedFromUniqueProcessId, eprocess) is { } ppid ? (long)ppid : null,
            name, dtb, Optional(layout.UserDirectoryTableBase, eprocess), Optional(layout.Peb, eprocess),
            FileTime(Optional(layout.CreateTime, eprocess)), FileTime(Optional(layout.ExitTime, eprocess)), inActiveList,
            Optional(layout.Wow64Process, eprocess));
    }

    /// <summary>A member the layout may lack (<see cref="EprocessLayout"/> says on which builds): null when it does.</summary>
    private ulong? Optional(int? offset, ulong eprocess) => offset is { } o ? kernel.U64(eprocess + (ulong)o) : null;

    /// <summary>A FILETIME between 1990 and 2200, else null (zero means "not set", e.g. a process that has not exited).</summary>
    public static DateTime? FileTime(ulong? value) =>
        value is > 0x01B0_0000_0000_0000 and < 0x0300_0000_0000_0000 ? DateTime.FromFileTimeUtc((long)value.Value) : null;
}
