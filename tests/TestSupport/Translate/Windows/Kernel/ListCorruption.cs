namespace MemFs.Tests.Translate.Windows.Kernel;

/// <summary>How the synthetic ActiveProcessLinks ring is damaged.</summary>
public enum ListCorruption
{
    None,
    /// <summary>The last process's Flink points back at smss.exe instead of the list head.</summary>
    Cycle,
    /// <summary>A Flink in the middle points at unmapped kernel memory.</summary>
    Dangling,
}
