namespace MemFs.Translate.Windows.Objects;

/// <summary>
/// The PEB_LDR_DATA lists a loader entry is linked into. A module the loader maps is on all three, except the main
/// executable, which is never initialised as a DLL and so is absent from InInitializationOrderModuleList.
/// </summary>
[Flags]
public enum LoaderListMembership
{
    None = 0,
    InLoadOrder = 1,
    InMemoryOrder = 2,
    InInitializationOrder = 4,
    All = InLoadOrder | InMemoryOrder | InInitializationOrder,
}
