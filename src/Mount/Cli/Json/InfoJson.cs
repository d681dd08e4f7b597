namespace MemFs.Mount.Cli.Json;

/// <summary>The object <c>memfs info --json</c> prints: the same facts as the text, every run and module listed.</summary>
internal sealed record InfoJson(
    string Image, string Format, long BackedBytes, string AddressSpaceEnd, IReadOnlyList<RangeJson> Runs, IReadOnlyList<RangeJson> NotReadable,
    HeaderFactsJson Facts, IReadOnlyList<SourceJson> Sources, IReadOnlyList<string> Warnings, OperatingSystemJson OperatingSystem,
    IReadOnlyList<string> LeftOut);
