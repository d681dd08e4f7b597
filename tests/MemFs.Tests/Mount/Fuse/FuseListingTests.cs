using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

public class FuseListingTests
{
    [Test]
    public void RootListsTheTreeAndTheMountIsReadOnlyFuse()
    {
        using var mount = TestMount.Start();
        var names = Directory.EnumerateFileSystemEntries(mount.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.That(names, Is.EqualTo(new[] { "README.txt", "big.bin", "faulty.bin", "nested", "small.bin", "vmem" }));
        var entry = MountTable.Find(mount.Path)!;
        Assert.That(entry.Type, Is.EqualTo("fuse.memfs"));
        Assert.That(entry.Source, Is.EqualTo("memfs"));
        Assert.That(entry.Options.Split(','), Does.Contain("ro"));
    }

    [Test]
    public void LargeDirectoryListsEveryEntryWithItsSize()
    {
        using var mount = TestMount.Start();
        var many = mount["nested/many"];
        var files = Directory.EnumerateFiles(many).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.EqualTo(Enumerable.Range(0, TestTree.ManyCount).Select(i => $"f{i:D3}.txt")));

        var ls = Shell.Run("ls", "-l", "--time-style=+%s", many);
        Assert.That(ls.ExitCode, Is.Zero, ls.Stderr);
        var lines = ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.That(lines, Has.Length.EqualTo(TestTree.ManyCount));
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = int.Parse(fields[^1][1..4]);
            Assert.That(fields[0], Is.EqualTo("-r--r--r--"), line);
            Assert.That(long.Parse(fields[4]), Is.EqualTo(TestTree.ManyText(index).Length), line);
        }
        Assert.That(File.ReadAllText(Path.Combine(many, "f123.txt")), Is.EqualTo(TestTree.ManyText(123)));
    }

    [Test]
    public void StatShowsModesSizesBlocksTimesAndTheMountingUser()
    {
        using var mount = TestMount.Start();
        var id = Shell.Run("id", "-u").Stdout.Trim() + " " + Shell.Run("id", "-g").Stdout.Trim();
        var unixTime = new DateTimeOffset(TestTree.Time).ToUnixTimeSeconds();

        Assert.That(Stat(mount["vmem"]), Is.EqualTo($"regular file 444 {SparseFile.Size} 4096 4096 {id} {unixTime}"));
        Assert.That(Stat(mount["big.bin"]), Does.StartWith($"regular file 444 {TestTree.BigSize} {TestTree.BigSize / 512} 4096 {id}"));
        Assert.That(Stat(mount["nested"]), Does.StartWith($"directory 555 ").And.Contain(id));
        Assert.That(File.Exists(mount["nested/nothing"]), Is.False);
        Assert.Throws<FileNotFoundException>(() => File.ReadAllBytes(mount["nothing"]));
    }

    [Test]
    public void DuCountsOnlyTheBackedBytesOfTheSparseFile()
    {
        using var mount = TestMount.Start();
        Assert.That(Shell.Run("du", "-k", mount["vmem"]).Stdout.Split('\t')[0], Is.EqualTo("2048"));
        Assert.That(Shell.Run("du", "-k", "--apparent-size", mount["vmem"]).Stdout.Split('\t')[0], Is.EqualTo("1048576"));
    }

    private static string Stat(string path)
    {
        var stat = Shell.Run("stat", "-c", "%F %a %s %b %o %u %g %Y", path);
        Assert.That(stat.ExitCode, Is.Zero, stat.Stderr);
        return stat.Stdout.Trim();
    }
}
