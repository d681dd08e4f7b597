namespace MemFs.Translate.Windows.Layouts;

/// <summary>One resolved field of a kernel layout ("_EPROCESS.UniqueProcessId" = "0x440") and the source that supplied it.</summary>
internal sealed record LayoutField(string Name, string Value, string Source)
{
    public override string ToString() => $"{Name} = {Value} ({Source})";
}
