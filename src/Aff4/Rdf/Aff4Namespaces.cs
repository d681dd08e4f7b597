namespace MemFs.Aff4.Rdf;

/// <summary>Namespace IRIs used by AFF4 metadata.</summary>
public static class Aff4Namespaces
{
    /// <summary>AFF4 Standard v1.0 and the older Rekall/"scudette" vocabulary share this namespace.</summary>
    public const string Standard = "http://aff4.org/Schema#";

    /// <summary>Evimetry pre-standard (2015–2016) vocabulary.</summary>
    public const string Afflib = "http://afflib.org/2009/aff4#";

    /// <summary>pmem memory categories and properties, e.g. <c>memory:physical</c>.</summary>
    public const string Memory = "http://aff4.org/Schema#memory/";

    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    public const string RdfType = Rdf + "type";
}
