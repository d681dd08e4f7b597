using MemFs.Translate.Files;
using MemFs.Translate.Physical;

namespace MemFs.Vfs.Producers;

/// <summary>
/// The drivers an image lists itself (a triage dump's driver list), one line each: base, size, TimeDateStamp, name
/// and the path the loader used. kernel/drivers.txt, <c>memfs modules</c> and image/info.txt show the same lines.
/// </summary>
public static class DriverListText
{
    public static string Header => $"{"Base",-18} {"Size",10} {"Time",-8}  {"Name",-20} Path";

    public static string Line(DumpModule driver) =>
        $"0x{driver.Base:X16} {driver.Size,10:X} {driver.TimeDateStamp:X8}  {WindowsPath.FileName(driver.Path),-20} {driver.Path}";

    public static string Render(IReadOnlyList<DumpModule> drivers) =>
        string.Concat(drivers.Select(d => Line(d) + "\n").Prepend(Header + "\n"));
}
