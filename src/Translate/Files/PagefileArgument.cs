using System.Globalization;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Files;

/// <summary>
/// A pagefile given on the command line as <c>FILE</c> or <c>N=FILE</c>. Windows numbers paging files
/// (pagefile.sys is 0); without an explicit number the files are numbered in the order given.
/// </summary>
public static class PagefileArgument
{
    public static IReadOnlyList<AuxiliarySource> Parse(IEnumerable<string> specs)
    {
        var result = new List<AuxiliarySource>();
        var next = 0;
        foreach (var spec in specs)
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
            result.Add(new AuxiliarySource(AuxiliaryKind.Pagefile, info.FullName, info.Length, number, eq > 0 ? "--pagefile N=FILE" : "--pagefile (numbered by position)"));
            next = number + 1;
        }
        return result;
    }
}
