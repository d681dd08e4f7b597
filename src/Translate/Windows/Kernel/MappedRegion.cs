namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// A present 2 MiB (or 1 GiB) slice of a virtual address space: mapped by one large page (<see cref="Large"/>),
/// or by the page table at physical <see cref="PageTable"/>.
/// </summary>
internal readonly record struct MappedRegion(ulong Va, ulong Size, bool Large, long PageTable);
