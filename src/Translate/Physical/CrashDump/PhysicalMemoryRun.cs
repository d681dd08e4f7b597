namespace MemFs.Translate.Physical.CrashDump;

/// <summary>One PHYSICAL_MEMORY_RUN: <see cref="PageCount"/> 4 KiB pages from page frame <see cref="BasePage"/>.</summary>
internal readonly record struct PhysicalMemoryRun(ulong BasePage, ulong PageCount);
