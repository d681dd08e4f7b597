namespace MemFs.Aff4.Binary;

/// <summary>The path of a piece of evidence the user named: it must be an existing regular file, not a directory.</summary>
public static class EvidenceFile
{
    /// <summary>Throws an error naming <paramref name="path"/> (and <paramref name="what"/>) when it is missing or a directory.</summary>
    public static void Require(string path, string what = "the image")
    {
        if (Directory.Exists(path)) throw new IOException($"{path}: is a directory; {what} must be a file");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
    }
}
