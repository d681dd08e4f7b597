namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The compressed store a Windows layer attaches to its translators once the processes are known (the regions live
/// in MemCompression's user space), or why there is none yet, so an unresolved page can say why.
/// </summary>
internal sealed class StoreAttachment(string whyNot)
{
    private volatile CompressedStore? _store;
    private volatile string _whyNot = whyNot;

    public CompressedStore? Store => _store;
    public string WhyNot => _whyNot;

    public void Attach(CompressedStore store) => _store = store;

    public void Refuse(string why) => _whyNot = why;
}
