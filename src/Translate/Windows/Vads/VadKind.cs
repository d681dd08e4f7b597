namespace MemFs.Translate.Windows.Vads;

/// <summary>
/// What a VAD maps, from _MMVAD_FLAGS.VadType, _MMVAD_FLAGS.PrivateMemory and whether a file backs its section.
/// Every report names it through <see cref="VadKinds.Name(VadKind)"/>.
/// </summary>
public enum VadKind
{
    /// <summary>Private memory (PrivateMemory = 1, or a short VadS/VadF VAD), VadType = VadNone.</summary>
    Private,
    /// <summary>A view of an executable image section (VadType = VadImageMap).</summary>
    Image,
    /// <summary>A view of a data section backed by a file.</summary>
    MappedFile,
    /// <summary>A view of a pagefile-backed section (no file behind its control area): shared memory.</summary>
    Shared,
    /// <summary>VadType = VadDevicePhysicalMemory: physical memory mapped by a driver.</summary>
    DevicePhysical,
    /// <summary>VadType = VadAwe: Address Windowing Extensions.</summary>
    Awe,
    /// <summary>VadType = VadWriteWatch: private memory with write tracking.</summary>
    WriteWatch,
    /// <summary>VadType = VadLargePages.</summary>
    LargePages,
    /// <summary>VadType = VadRotatePhysical.</summary>
    RotatePhysical,
    /// <summary>VadType = VadLargePageSection.</summary>
    LargePageSection,
    /// <summary>A VadType value past VadLargePageSection.</summary>
    Unknown,
}
