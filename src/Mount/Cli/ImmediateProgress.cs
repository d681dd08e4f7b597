namespace MemFs.Mount.Cli;

/// <summary>Progress reported on the worker's own thread, in order (System.Progress posts to the thread pool).</summary>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
