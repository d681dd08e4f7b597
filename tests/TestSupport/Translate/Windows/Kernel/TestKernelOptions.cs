namespace MemFs.Tests.Translate.Windows.Kernel;

/// <summary>What a <see cref="TestKernelImage"/> contains besides the kernel, KUSER_SHARED_DATA and the processes.</summary>
internal sealed record TestKernelOptions
{
    public bool LowStub { get; init; } = true;
    public bool SparseDummyPml4 { get; init; }
    public bool InvalidDummyPml4 { get; init; }
    public bool KernelInLargePage { get; init; }
    public bool ExportSystemProcess { get; init; } = true;
    public bool HandleTableTags { get; init; } = true;
    public bool PebsMapped { get; init; } = true;
    public ListCorruption Corruption { get; init; }
    /// <summary>KUSER_SHARED_DATA.SystemTime; by default two hours after <see cref="TestKernelImage.BootTime"/>.</summary>
    public DateTime? SystemTime { get; init; }
    public ulong InvalidPteMask { get; init; } = MemFs.Tests.Translate.Paging.TestWindowsImage.DefaultMask;

    /// <summary>The GUID of ntoskrnl's RSDS record; by default a real 19041 kernel's (<see cref="TestPeImage.PdbGuid"/>).</summary>
    public Guid PdbGuid { get; init; } = TestPeImage.PdbGuid;

    /// <summary>Whether ntoskrnl has a CACHEALI section (at <see cref="TestPeImage.CacheAligned"/>) for the symbol-less SmGlobals scan.</summary>
    public bool CacheAlignedSection { get; init; }
}
