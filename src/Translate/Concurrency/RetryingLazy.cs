namespace MemFs.Translate.Concurrency;

/// <summary>
/// A value produced once, on first use, by one thread while others wait. Unlike <see cref="Lazy{T}"/> in
/// ExecutionAndPublication mode, a failed production is not remembered: the exception goes to the callers of that
/// attempt and the next caller tries again, so one transient failure (an I/O error, a race with a slow source)
/// does not make a file fail for the rest of a mount.
/// </summary>
public sealed class RetryingLazy<T>(Func<T> produce)
{
    private readonly object _gate = new();
    private Produced? _produced;

    public T Value
    {
        get
        {
            if (Volatile.Read(ref _produced) is { } known) return known.Value;
            lock (_gate)
            {
                if (_produced is { } raced) return raced.Value;
                var produced = new Produced(produce());
                Volatile.Write(ref _produced, produced);
                return produced.Value;
            }
        }
    }

    /// <summary>Whether a value has been produced (a failed attempt leaves it false).</summary>
    public bool IsValueCreated => Volatile.Read(ref _produced) is not null;

    private sealed record Produced(T Value);
}
