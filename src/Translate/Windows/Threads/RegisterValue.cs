namespace MemFs.Translate.Windows.Threads;

/// <summary>One register saved in a thread's _KTRAP_FRAME ("Rip" = 0x7FF8…), named as the structure names it.</summary>
public sealed record RegisterValue(string Name, ulong Value);
