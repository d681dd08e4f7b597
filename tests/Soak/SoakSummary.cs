namespace MemFs.Soak;

/// <summary>The figures of one soak run and whether it passed: no error, no wrong byte, RssAnon within budget throughout.</summary>
internal sealed record SoakSummary
{
    public required string Command { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required int Threads { get; init; }
    public required int Targets { get; init; }
    public required long TargetBytes { get; init; }
    public required long Reads { get; init; }
    public required long Bytes { get; init; }
    public required long Errors { get; init; }
    public required long WrongReads { get; init; }
    public required long WrongBytes { get; init; }
    public required IReadOnlyDictionary<string, long> ReadsByKind { get; init; }
    public required long RssMin { get; init; }
    public required long RssMax { get; init; }
    public required long RssSamples { get; init; }
    public required long RssOverBudget { get; init; }
    public required long RssBudget { get; init; }
    public required long CacheBytes { get; init; }
    public required int ServerExit { get; init; }
    public required int ServerStderrLines { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Passed => Reads > 0 && Errors == 0 && WrongReads == 0 && RssSamples > 0 && RssOverBudget == 0 && ServerExit == 0;

    public void Print(TextWriter output)
    {
        static string MiB(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-9);
        output.WriteLine($"soak: {Command}");
        output.WriteLine($"  duration     {Elapsed:hh\\:mm\\:ss} of random reads by {Threads} threads over {Targets} targets ({MiB(TargetBytes)})");
        output.WriteLine($"  reads        {Reads:N0} ({Reads / seconds:N0}/s), {MiB(Bytes)} ({Bytes / seconds / (1 << 20):0.0} MiB/s)");
        output.WriteLine($"  by kind      {string.Join(", ", ReadsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"))}");
        output.WriteLine($"  errors       {Errors}");
        output.WriteLine($"  wrong        {WrongReads} reads, {WrongBytes} bytes");
        output.WriteLine($"  RssAnon      min {MiB(RssMin)}, max {MiB(RssMax)} over {RssSamples} samples (1/s); budget {MiB(RssBudget)} " +
                         $"(cache {MiB(CacheBytes)} + runtime allowance); {RssOverBudget} samples over");
        output.WriteLine($"  mount        exit {ServerExit}, {ServerStderrLines} lines on stderr");
        output.WriteLine($"  load average {LoadBefore} before, {LoadAfter} after ({Environment.ProcessorCount} CPUs)");
        foreach (var problem in Problems) output.WriteLine($"  problem      {problem}");
        output.WriteLine(Passed ? "  PASSED" : "  FAILED");
    }
}
