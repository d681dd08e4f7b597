namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>The truth of one synthetic handle: what <see cref="TestHandles"/> wrote.</summary>
internal sealed record BuiltHandle(ulong Handle, ulong Header, ulong Object, uint Access, byte TypeIndex, string TypeName, string? Name);
