namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Where an indexed ISF lives: a file, or an entry of a zip archive.</summary>
internal sealed record IsfLocation(string Path, string? ZipEntry)
{
    public override string ToString() => ZipEntry is null ? Path : $"{Path}!{ZipEntry}";
}
