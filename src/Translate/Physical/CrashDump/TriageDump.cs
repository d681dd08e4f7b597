using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>What a 64-bit triage (mini kernel) dump adds to its header: TRIAGE_DUMP64, the driver list, and the KDBG copy.</summary>
internal sealed record TriageDump(TriageDump64 Header, IReadOnlyList<DumpModule> Drivers, KdDebuggerData64? DebuggerData)
{
    public static TriageDump Read(IByteSource source, DumpHeader header, List<string> warnings)
    {
        var triage = TriageDump64.Read(source, header.HeaderSize);
        var drivers = TriageDriverList.Read(source, triage);
        KdDebuggerData64? kdbg = null;
        if (triage.DebuggerDataOffset != 0)
        {
            kdbg = KdDebuggerData64.Read(source, triage.DebuggerDataOffset, "TRIAGE_DUMP64.DebuggerDataOffset",
                triage.Offset + TriageDump64.DebuggerDataOffsetField);
            if (kdbg is null)
                warnings.Add($"{source.Name}: TRIAGE_DUMP64.DebuggerDataOffset 0x{triage.DebuggerDataOffset:X} holds no \"KDBG\" block; the kernel base is unknown");
            else if (kdbg.PsLoadedModuleList != header.PsLoadedModuleList || kdbg.PsActiveProcessHead != header.PsActiveProcessHead)
                warnings.Add($"{source.Name}: the KDBG copy at 0x{kdbg.Offset:X} and the dump header disagree on PsLoadedModuleList or PsActiveProcessHead; the header's values are used");
        }
        return new TriageDump(triage, drivers, kdbg);
    }
}
