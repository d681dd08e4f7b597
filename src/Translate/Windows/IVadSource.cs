namespace MemFs.Translate.Windows;

/// <summary>A process's VADs, as the OS layer reads them from its VAD tree.</summary>
public interface IVadSource
{
    VadDescriptor? FindVad(ulong va);
}
