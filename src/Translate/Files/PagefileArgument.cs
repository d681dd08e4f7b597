using System.Globalization;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Files;

/// <summary>
/// A pagefile given on the command line as <c>FILE</c> or <c>N=FILE</c>. Windows numbers paging files
/// (pagefile.sys is 0); without an explicit number the files are numbered in the order given.
/// </summary>
public static class PagefileArgument
{
    /// <summary>Windows pages paging files in 4 KiB pages (x64); a software PTE's page index counts these.</summary>
    public const int PageBytes = 4096;

    public static IReadOnlyList<AuxiliarySource> Parse(IEnumerable<string> specs)
    {
        var result = new List<AuxiliarySource>();
        var next = 0;
        var given = specs.ToList();
        foreach (var spec in given)
        {
            var eq = spec.IndexOf('=');
            int number;
            string path;
            if (eq > 0 && int.TryParse(spec[..eq], NumberStyles.None, CultureInfo.InvariantCulture, out var explicitNumber))
            {
                if (explicitNumber > 15) throw new ArgumentException($"--pagefile {spec}: Windows numbers paging files 0 to 15");
                (number, path) = (explicitNumber, spec[(eq + 1)..]);
            }
            else
            {
                (number, path) = (next, spec);
            }
            if (result.Any(p => p.PagefileNumber == number)) throw new ArgumentException($"--pagefile {spec}: pagefile number {number} is given twice");
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException($"--pagefile {spec}: no such file '{path}'");
            if (result.FindIndex(p => p.Name == info.FullName) is var same and >= 0)
                throw new ArgumentException($"--pagefile {given[same]} and --pagefile {spec} name the same file {info.FullName}: give each paging file once");
            if (info.Length < PageBytes || info.Length % PageBytes != 0)
                throw new InvalidDataException($"--pagefile {spec}: {info.FullName} is {info.Length:N0} bytes, not a paging file (a paging file is whole {PageBytes}-byte pages, at least one)");
            result.Add(new AuxiliarySource(AuxiliaryKind.Pagefile, info.FullName, info.Length, number, eq > 0 ? "--pagefile N=FILE" : "--pagefile (numbered by position)"));
            next = number + 1;
        }
        return result;
    }
}
