namespace MemFs.Aff4.Streams;

/// <summary>A stream that, through maps or dataStream links, refers back to itself.</summary>
internal sealed class Aff4CycleException(IEnumerable<string> chain, string file)
    : Aff4Exception($"reference cycle: {string.Join(" -> ", chain)}", file, chain.FirstOrDefault())
{
}
