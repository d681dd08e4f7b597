namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>How a page of a store region is held in MemCompression's address space.</summary>
internal enum RegionPageState
{
    Valid,
    Transition,
    Pagefile,
}
