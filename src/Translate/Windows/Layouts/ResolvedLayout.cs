using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// A layout resolved once: either the layout, or the error naming every field the profile lacks. A system whose
/// profile lacks, say, the VAD fields still opens; reading VADs then fails with that error.
/// </summary>
internal sealed class ResolvedLayout<T> where T : class
{
    private readonly T? _layout;

    private ResolvedLayout(T? layout, string? problem)
    {
        _layout = layout;
        Problem = problem;
    }

    public static ResolvedLayout<T> Resolve(Func<T> resolve)
    {
        try
        {
            return new ResolvedLayout<T>(resolve(), null);
        }
        catch (KernelProfileException e)
        {
            return new ResolvedLayout<T>(null, e.Message);
        }
    }

    /// <summary>The layout, or the resolution error thrown again.</summary>
    public T Value => _layout ?? throw new KernelProfileException(Problem!);

    /// <summary>The layout, or null when the profile lacks some of its required fields (<see cref="Problem"/> says which).</summary>
    public T? OrNull => _layout;

    public string? Problem { get; }
}
