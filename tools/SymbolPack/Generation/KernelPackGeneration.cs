namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>A generated pack: the model, its JSON, the gzip'd bytes that get embedded, and what the generator noticed.</summary>
internal sealed record KernelPackGeneration(KernelPack Pack, byte[] Json, byte[] Gzip, IReadOnlyList<string> Log);
