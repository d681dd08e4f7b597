namespace MemFs.Translate.Physical.CrashDump;

/// <summary>The <see cref="ImageFacts"/> a dump header states, plus the header fields worth showing.</summary>
internal static class CrashDumpFacts
{
    public static ImageFacts From(DumpHeader h, string dumpTypeName) => new()
    {
        DirectoryTableBase = h.DirectoryTableBase,
        PsActiveProcessHead = h.PsActiveProcessHead,
        PsLoadedModuleList = h.PsLoadedModuleList,
        KdDebuggerDataBlock = h.KdDebuggerDataBlock,
        PfnDataBase = h.PfnDataBase,
        MachineType = h.MachineImageType,
        PaeEnabled = h.PaeEnabled,
        MajorVersion = h.MajorVersion,
        BuildNumber = h.MinorVersion,
        NumberProcessors = h.NumberProcessors,
        BugCheckCode = h.BugCheckCode,
        BugCheckParameters = h.BugCheckParameters,
        SystemTime = FromFileTime(h.SystemTime),
        DumpTypeCode = h.DumpType,
        DumpType = dumpTypeName,
        Other = HeaderFields(h).ToArray(),
    };

    /// <summary>FILETIME: 100 ns intervals since 1601-01-01 UTC; null when unset or out of range.</summary>
    public static DateTime? FromFileTime(ulong fileTime) =>
        fileTime is 0 || fileTime > (ulong)DateTime.MaxValue.ToFileTimeUtc() ? null : DateTime.FromFileTimeUtc((long)fileTime);

    private static IEnumerable<KeyValuePair<string, string>> HeaderFields(DumpHeader h)
    {
        yield return Hex("ExceptionCode", h.ExceptionCode);
        yield return Hex("ExceptionAddress", h.ExceptionAddress);
        yield return Hex("RequiredDumpSpace", h.RequiredDumpSpace);
        yield return Hex("SystemUpTime", h.SystemUpTime);
        yield return Hex("MiniDumpFields", h.MiniDumpFields);
        if (h.SecondaryDataState != DumpFill.Page) yield return Hex("SecondaryDataState", h.SecondaryDataState);
        yield return KeyValuePair.Create("ProductType", h.ProductType.ToString());
        yield return Hex("SuiteMask", h.SuiteMask);
        if (h.Comment is not null) yield return KeyValuePair.Create("Comment", h.Comment);
    }

    public static KeyValuePair<string, string> Hex(string name, ulong value) => KeyValuePair.Create(name, $"0x{value:X}");
}
