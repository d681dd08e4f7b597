namespace MemFs.Soak.Memory;

/// <summary>Samples a process's RssAnon (anonymous resident memory, /proc/PID/status) every <c>period</c> until disposed.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly int _pid;
    private readonly long _budget;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _min = long.MaxValue, _max, _last, _samples, _overBudget;

    public RssSampler(int pid, long budget, TimeSpan period)
    {
        _pid = pid;
        _budget = budget;
        _thread = new Thread(() =>
        {
            do Sample();
            while (!_stop.Token.WaitHandle.WaitOne(period));
        }) { IsBackground = true, Name = "RssAnon sampler" };
        _thread.Start();
    }

    public long Min => Interlocked.Read(ref _samples) == 0 ? 0 : Interlocked.Read(ref _min);
    public long Max => Interlocked.Read(ref _max);
    public long Last => Interlocked.Read(ref _last);
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Samples above the budget.</summary>
    public long OverBudget => Interlocked.Read(ref _overBudget);

    private void Sample()
    {
        if (RssAnon(_pid) is not { } rss) return;
        Interlocked.Exchange(ref _last, rss);
        if (rss < Interlocked.Read(ref _min)) Interlocked.Exchange(ref _min, rss);
        if (rss > Interlocked.Read(ref _max)) Interlocked.Exchange(ref _max, rss);
        if (rss > _budget) Interlocked.Increment(ref _overBudget);
        Interlocked.Increment(ref _samples);
    }

    /// <summary>RssAnon in bytes ("RssAnon:   12345 kB"), or null once the process is gone.</summary>
    public static long? RssAnon(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        Sample();
        _stop.Dispose();
    }
}
