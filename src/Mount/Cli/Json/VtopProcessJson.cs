namespace MemFs.Mount.Cli.Json;

/// <summary>The process whose address space <c>memfs vtop --pid</c> translated in.</summary>
internal sealed record VtopProcessJson(long Pid, string Name, string Dtb);
