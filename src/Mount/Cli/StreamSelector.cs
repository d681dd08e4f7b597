using System.CommandLine;
using MemFs.Aff4;
using MemFs.Aff4.Rdf;

namespace MemFs.Mount.Cli;

/// <summary>
/// The --stream / --category / --file options that pick one object of an AFF4 image. With none given:
/// the physical memory, else the primary image, else the only stream.
/// </summary>
internal sealed class StreamSelector
{
    public Option<string?> Stream { get; } = new("--stream") { Description = "the object's URN, e.g. aff4://…/PhysicalMemory" };
    public Option<string?> Category { get; } = new("--category")
    {
        Description = "an aff4:category: memory/physical, memory/pagefile (first pagefile), memory/pagefile/N, or a full IRI",
    };
    public Option<string?> File { get; } = new("--file") { Description = @"an acquired file by its Windows path, e.g. C:\Windows\System32\drivers\acpi.sys" };

    public void AddTo(Command command)
    {
        command.Add(Stream);
        command.Add(Category);
        command.Add(File);
    }

    public string Resolve(ParseResult parse, Aff4Image image)
    {
        var stream = parse.GetValue(Stream);
        var category = parse.GetValue(Category);
        var file = parse.GetValue(File);
        if (new[] { stream, category, file }.Count(v => v is not null) > 1)
            throw new UsageException("give at most one of --stream, --category and --file");
        if (stream is not null) return stream;
        if (file is not null) return ResolveFile(image, file);
        if (category is not null) return ResolveCategory(image, category);
        return image.Locator.FindPhysicalMemory()?.Urn ?? image.Locator.FindPrimaryImage()
            ?? throw new UsageException("the image holds no memory image and no single primary stream; choose one with --stream (see 'memfs aff4 info')");
    }

    /// <summary>By Windows path first, else by the stream's own name (a legacy volume's <c>fcat.exe</c>).</summary>
    private static string ResolveFile(Aff4Image image, string file)
    {
        if (image.Locator.FindFile(file) is { } acquired) return acquired.Urn;
        return image.Locator.FindByName(file) switch
        {
            [var only] => only,
            [] => throw new UsageException($"no acquired file has the Windows path or name '{file}' (see 'memfs aff4 info')"),
            var several => throw new UsageException($"'{file}' names {several.Count} objects: {string.Join(", ", several)}; choose one with --stream"),
        };
    }

    private static string ResolveCategory(Aff4Image image, string category)
    {
        var c = category.Trim().ToLowerInvariant();
        if (c.StartsWith(Aff4Namespaces.Memory.ToLowerInvariant(), StringComparison.Ordinal)) c = "memory/" + c[Aff4Namespaces.Memory.Length..];
        if (c is "physical" or "memory/physical")
            return image.Locator.FindPhysicalMemory()?.Urn ?? throw new UsageException("the image holds no physical memory stream");
        if (c.StartsWith("memory/pagefile", StringComparison.Ordinal) || c.StartsWith("pagefile", StringComparison.Ordinal))
        {
            var pagefiles = image.Locator.FindPagefiles();
            var numberText = c[(c.LastIndexOf("pagefile", StringComparison.Ordinal) + "pagefile".Length)..].TrimStart('/', '_');
            if (numberText.Length == 0)
                return pagefiles.FirstOrDefault()?.Urn ?? throw new UsageException("the image holds no pagefile");
            if (!int.TryParse(numberText, out var number)) throw new UsageException($"'{category}': pagefile number expected");
            return pagefiles.FirstOrDefault(p => p.Number == number)?.Urn ?? throw new UsageException($"the image holds no pagefile number {number}");
        }
        var iri = category.Contains(':', StringComparison.Ordinal) ? category : Aff4Namespaces.Standard + category;
        var subjects = image.Graph.SubjectsWith(Aff4Vocabulary.Category, iri);
        return subjects.FirstOrDefault() ?? throw new UsageException($"no object has aff4:category <{iri}>");
    }
}
