namespace MemFs.Tests.Translate.Paging;

/// <summary>How a page of a view of a file section is held (<see cref="TestWindowsImage.MapSectionPage"/>).</summary>
internal enum SectionPageState
{
    /// <summary>In a frame both the hardware and the prototype PTE point at.</summary>
    Resident,

    /// <summary>On the standby list: the prototype PTE is in transition, the hardware PTE points at the prototype.</summary>
    Transition,

    /// <summary>Only in the file: the prototype PTE points at the subsection, the hardware PTE at the prototype.</summary>
    FileOnly,

    /// <summary>Only in the file, the hardware PTE zero: the VAD leads to the prototype PTE.</summary>
    ZeroPteFileOnly,
}
