using System.Text;

namespace MemFs.Fuzz.Running;

/// <summary>
/// One case's console: stdout text (bounded), stderr text and the count of raw stdout bytes (<c>memfs cat</c>). Installed
/// per case through an <see cref="AsyncLocal{T}"/>, so a case abandoned as a hang keeps writing into its own capture.
/// </summary>
internal sealed class CaseConsole
{
    private const int TextLimit = 1 << 16;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    public long RawBytes { get; private set; }

    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    public string Out
    {
        get { lock (_out) return _out.ToString(); }
    }

    public void Write(bool error, string text)
    {
        var target = error ? _error : _out;
        lock (target)
            if (target.Length < TextLimit) target.Append(text);
    }

    public void Raw(int count) => RawBytes += count;
}
