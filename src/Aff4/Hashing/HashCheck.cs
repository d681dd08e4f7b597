namespace MemFs.Aff4.Hashing;

public enum HashCheckStatus
{
    Match,
    Mismatch,

    /// <summary>The value has no documented input (aff4:imageStreamHash, aff4:linearBlockHash) or an unknown algorithm.</summary>
    NotVerifiable,

    /// <summary>The input could not be read (missing segment, unreadable chunk): see <see cref="HashCheck.Note"/>.</summary>
    Failed,
}

/// <summary>One stated hash and what recomputing it gave.</summary>
public sealed record HashCheck(string Subject, string Property, string Algorithm, string Stated, string? Computed, HashCheckStatus Status, string? Note = null);
