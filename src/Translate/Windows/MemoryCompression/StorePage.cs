namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>A page looked up in the compressed store: its 4096 bytes, or why it cannot be produced.</summary>
internal readonly record struct StorePage(byte[]? Bytes, string? Problem)
{
    public static StorePage Failed(string problem) => new(null, problem);
}
