using MemFs.Translate.Concurrency;

namespace MemFs.Translate.Windows.Objects;

/// <summary>One process as its EPROCESS describes it. Fields the image could not supply are null.</summary>
public sealed record ProcessInfo(
    ulong Eprocess,
    long Pid,
    long? ParentPid,
    string Name,
    ulong Dtb,
    ulong? UserDtb,
    ulong? Peb,
    DateTime? CreateTime,
    DateTime? ExitTime,
    bool InActiveList,
    ulong? Wow64)
{
    private RetryingLazy<ProcessParameters>? _parameters;

    /// <summary>
    /// Full image path and command line from the PEB's process parameters, when readable: read on first use (reading
    /// them means the process's VADs and PEB pages), so listing processes reads neither.
    /// </summary>
    public ProcessParameters Parameters => _parameters?.Value ?? ProcessParameters.None;

    public string? ImagePath => Parameters.ImagePath;
    public string? CommandLine => Parameters.CommandLine;

    /// <summary>Whether <see cref="Parameters"/> has been read (or there was nothing to read).</summary>
    internal bool ParametersRead => _parameters is null || _parameters.IsValueCreated;

    /// <summary>This process with its parameters read by <paramref name="read"/> on first use, once.</summary>
    internal ProcessInfo WithParameters(Func<ProcessParameters> read) => this with { _parameters = new RetryingLazy<ProcessParameters>(read) };

    /// <summary>How the process was found: on the active list (ActiveProcessLinks) or only by the EPROCESS scan (terminated or hidden).</summary>
    public string FoundBy => InActiveList ? "active list" : "EPROCESS scan";
}
