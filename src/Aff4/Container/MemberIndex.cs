namespace MemFs.Aff4.Container;

/// <summary>
/// Finds the Zip member holding an AFF4 URN: first by the once-decoded member name, then
/// by the unescaped name (pyaff4 1.1), and only then by a normalised key, reported as fuzzy.
/// </summary>
public sealed class MemberIndex
{
    private readonly Dictionary<string, ZipMember> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZipMember> _normalised = new(StringComparer.Ordinal);
    private readonly List<string> _urns = [];

    public MemberIndex(ZipVolume volume, string volumeUrn)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentException.ThrowIfNullOrEmpty(volumeUrn);
        // Of members sharing a raw name only the one FindMember returns (the last) takes part.
        var members = volume.Members.Where(m => ReferenceEquals(volume.FindMember(m.Name), m)).ToArray();
        var decoded = members.Select(m => MemberNames.ToUrn(m.Name, volumeUrn)).ToArray();
        var unescaped = members.Select(m => MemberNames.ToUrnUnescaped(m.Name, volumeUrn)).ToArray();

        // Different names that decode to one URN: the first central directory entry wins.
        for (var i = 0; i < members.Length; i++)
            if (_exact.TryAdd(decoded[i], members[i]))
                _urns.Add(decoded[i]);
        for (var i = 0; i < members.Length; i++)
            _exact.TryAdd(unescaped[i], members[i]);
        for (var i = 0; i < members.Length; i++)
        {
            _normalised.TryAdd(MemberNames.NormalisedKey(decoded[i]), members[i]);
            _normalised.TryAdd(MemberNames.NormalisedKey(unescaped[i]), members[i]);
        }
    }

    /// <summary>The URN of every indexed member (once-decoded form), in central-directory order.</summary>
    public IReadOnlyCollection<string> Urns => _urns;

    /// <summary>
    /// The member for <paramref name="urn"/>, or null. <paramref name="fuzzy"/> is true when only the
    /// normalised key matched; callers should log that.
    /// </summary>
    public ZipMember? Find(string urn, out bool fuzzy)
    {
        ArgumentNullException.ThrowIfNull(urn);
        if (_exact.TryGetValue(urn, out var member))
        {
            fuzzy = false;
            return member;
        }
        member = _normalised.GetValueOrDefault(MemberNames.NormalisedKey(urn));
        fuzzy = member is not null;
        return member;
    }
}
