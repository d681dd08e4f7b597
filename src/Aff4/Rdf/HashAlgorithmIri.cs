namespace MemFs.Aff4.Rdf;

/// <summary>Maps the datatype IRI of a hash literal (<c>"hex"^^aff4:SHA1</c>) to an algorithm name.</summary>
internal static class HashAlgorithmIri
{
    /// <summary>
    /// Recognises MD5, SHA1, SHA256, SHA512, Blake2b and the block-map datatypes in the AFF4 and
    /// afflib namespaces. Names returned: md5, sha1, sha256, sha512, blake2b, blockMapHashSHA512,
    /// blockMapHashSHA256.
    /// </summary>
    public static bool TryParse(string datatypeIri, out string algorithm)
    {
        algorithm = "";
        string localName;
        if (datatypeIri.StartsWith(Aff4Namespaces.Standard, StringComparison.Ordinal))
            localName = datatypeIri[Aff4Namespaces.Standard.Length..];
        else if (datatypeIri.StartsWith(Aff4Namespaces.Afflib, StringComparison.Ordinal))
            localName = datatypeIri[Aff4Namespaces.Afflib.Length..];
        else
            return false;

        var name = localName switch
        {
            "MD5" => "md5",
            "SHA1" => "sha1",
            "SHA256" => "sha256",
            "SHA512" => "sha512",
            // Evimetry writes Blake2b, the standard's text says blake2b.
            "Blake2b" or "blake2b" => "blake2b",
            "blockMapHashSHA512" => "blockMapHashSHA512",
            "blockMapHashSHA256" => "blockMapHashSHA256",
            _ => null,
        };
        if (name is null) return false;
        algorithm = name;
        return true;
    }
}
