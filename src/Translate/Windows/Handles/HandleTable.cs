namespace MemFs.Translate.Windows.Handles;

/// <summary>A process's handles in handle-value order, how the types were decoded, and every problem met.</summary>
public sealed record HandleTable(IReadOnlyList<HandleInfo> Handles, string TypeDecoding, IReadOnlyList<string> Problems);
