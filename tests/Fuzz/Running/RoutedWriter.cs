using System.Text;

namespace MemFs.Fuzz.Running;

/// <summary>Console.Out or Console.Error while cases run: text goes to the current case's <see cref="CaseConsole"/>, else to the original writer.</summary>
internal sealed class RoutedWriter(TextWriter original, bool error, AsyncLocal<CaseConsole?> current) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is null) return;
        if (current.Value is { } console) console.Write(error, value);
        else original.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write(value + NewLine);
}
