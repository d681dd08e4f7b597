namespace MemFs.Translate.Windows.Objects;

/// <summary>A process's full image path and command line, from its PEB's RTL_USER_PROCESS_PARAMETERS; null when unreadable.</summary>
public sealed record ProcessParameters(string? ImagePath, string? CommandLine)
{
    /// <summary>No PEB (System, minimal processes), no PEB layout, or no readable parameters.</summary>
    public static readonly ProcessParameters None = new(null, null);
}
