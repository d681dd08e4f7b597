namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>One hop of the compressed-store walk failed; the message names the address and the problem.</summary>
internal sealed class StoreWalkException(string message) : Exception(message);
