namespace MemFs.Translate.Windows.Symbols;

/// <summary>
/// Picks the kernel profile: sources are asked in order (PDB, ISF, embedded pack, build table,
/// heuristics); the first whose profile passes <c>validate</c> against the image wins, and the later sources only
/// fill fields it lacks, each field keeping the name of the source that supplied it. A source whose profile fails
/// validation is reported, never used silently.
/// </summary>
public static class ProfileResolver
{
    public sealed record Outcome(KernelProfile? Profile, string? ChosenSource, IReadOnlyList<string> Log);

    public static Outcome Resolve(KernelId id, IEnumerable<IKernelProfileSource> sources, Func<KernelProfile, string?> validate)
    {
        var log = new List<string>();
        KernelProfile? chosen = null;
        string? chosenSource = null;
        foreach (var source in sources)
        {
            KernelProfile? profile;
            try
            {
                profile = source.TryGet(id, out var note);
                if (profile is null)
                {
                    log.Add($"{source.Name}: {note ?? "no profile for this kernel"}");
                    continue;
                }
                if (note is not null) log.Add($"{source.Name}: {note}");
            }
            catch (IOException e)
            {
                log.Add($"{source.Name}: {e.Message}");
                continue;
            }
            if (chosen is null)
            {
                var problem = validate(profile);
                if (problem is not null)
                {
                    log.Add($"{source.Name}: profile rejected by validation: {problem}");
                    continue;
                }
                chosen = profile;
                chosenSource = source.Name;
                log.Add($"{source.Name}: profile validated against the image and used");
            }
            else
            {
                var before = chosen.Offsets.Count + chosen.Bits.Count + chosen.Rvas.Count + chosen.Sizes.Count;
                chosen.FillFrom(profile);
                var added = chosen.Offsets.Count + chosen.Bits.Count + chosen.Rvas.Count + chosen.Sizes.Count - before;
                if (added > 0) log.Add($"{source.Name}: filled {added} fields the chosen profile lacked");
            }
        }
        return new Outcome(chosen, chosenSource, log);
    }
}
