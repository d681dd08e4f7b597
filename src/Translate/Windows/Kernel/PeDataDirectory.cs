namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_DATA_DIRECTORY: an RVA and a size.</summary>
public readonly record struct PeDataDirectory(uint Rva, uint Size)
{
    public const int Export = 0;
    public const int BaseRelocation = 5;
    public const int Debug = 6;
}
