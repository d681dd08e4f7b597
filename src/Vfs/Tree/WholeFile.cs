namespace MemFs.Vfs.Tree;

/// <summary>
/// A file produced whole (a text report, a picture): its length is known only once it has been produced, and is
/// remembered from then on, so hosts that can serve a file of unknown size (FUSE direct_io) answer stat without
/// producing it. <see cref="Productions"/> counts every production, for tests and diagnostics.
/// </summary>
internal abstract class WholeFile(string name) : VfsFile(name)
{
    private static long s_productions;
    private long _length = -1;

    /// <summary>How many times any whole file has been produced in this process.</summary>
    public static long Productions => Interlocked.Read(ref s_productions);

    public override long Length
    {
        get
        {
            var known = Interlocked.Read(ref _length);
            return known >= 0 ? known : Known(Bytes()).LongLength;
        }
    }

    public override bool LengthKnown => Interlocked.Read(ref _length) >= 0;

    public override bool ProducedWhole => true;

    public override int Read(long offset, Span<byte> destination) => ReadFrom(Known(Bytes()), offset, destination);

    /// <summary>The file's bytes, produced (through <see cref="Produce"/>) when they are not kept.</summary>
    protected abstract byte[] Bytes();

    /// <summary>Runs <paramref name="produce"/>, counting it in <see cref="Productions"/>.</summary>
    protected static byte[] Produce(Func<byte[]> produce)
    {
        Interlocked.Increment(ref s_productions);
        return produce();
    }

    private byte[] Known(byte[] bytes)
    {
        Interlocked.Exchange(ref _length, bytes.LongLength);
        return bytes;
    }
}
