using System.Text.RegularExpressions;
using MemFs.Tests.Executables;
using MemFs.Tests.Vfs.Pictures;
using MemFs.Vfs.Executables;
using MemFs.Vfs.Pictures;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>recovery.png's legend counts are recovery.txt's "Pages of the image, by origin", page for page.</summary>
public class RecoveryCountsTests
{
    [Test]
    public void EveryRecoveredImageOfTheDemoHasThePictureCountTheTextCounts()
    {
        using var demo = SessionTree.Demo();
        var checkedImages = AssertAgreement(demo);
        Assert.That(checkedImages, Is.GreaterThanOrEqualTo(6), "explorer, notepad, malware and their modules, kernel drivers");
    }

    [Test]
    public void TheRealPeWithDemandZeroPagesHasThePictureCountTheTextCounts()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var counts = Counts(tree.Text(pe.ProcessDirectory + "/recovery.txt"));
        Assert.That(counts[PageOrigin.DemandZero], Is.EqualTo(pe.PagesIn(RealPeProcess.State.PastFileData).Count()), "the image has demand-zero pages");
        Assert.That(AssertAgreement(tree), Is.GreaterThanOrEqualTo(1));
    }

    /// <summary>Checks every directory holding both files; returns how many.</summary>
    private static int AssertAgreement(SessionTree tree)
    {
        var found = 0;
        void Walk(VfsDirectory directory, string path)
        {
            if (directory.Children.Any(c => c.Name == "recovery.png") && directory.Children.Any(c => c.Name == "recovery.txt"))
            {
                var counts = Counts(tree.Text(path + "/recovery.txt"));
                var png = PngDecoder.Decode(tree.Bytes(path + "/recovery.png"));
                foreach (var origin in Enum.GetValues<PageOrigin>())
                {
                    var source = ImagePictures.Source(origin);
                    var (x, y) = RecoveryPicture.LegendEntryOrigin(source);
                    PictureAssert.Text(png, Legend.LabelLeft(x), y, RecoveryPicture.LegendLabel(source, counts[origin]) + " ");
                }
                found++;
            }
            foreach (var sub in directory.Children.OfType<VfsDirectory>().Where(d => d.Name is not ("vtop" or "regions" or "unlinked")))
                Walk(sub, path + "/" + sub.Name);
        }
        Walk(tree.Root, "");
        return found;
    }

    /// <summary>recovery.txt's "Pages of the image, by origin" section, by origin.</summary>
    private static Dictionary<PageOrigin, int> Counts(string recoveryTxt)
    {
        var counts = new Dictionary<PageOrigin, int>();
        foreach (var origin in Enum.GetValues<PageOrigin>())
        {
            var label = Regex.Escape(RecoveryReport.Label(origin));
            var match = Regex.Match(recoveryTxt, $@"^  {label}\s+(\d+) ", RegexOptions.Multiline);
            Assert.That(match.Success, $"recovery.txt has no line for {origin}:\n{recoveryTxt}");
            counts[origin] = int.Parse(match.Groups[1].Value);
        }
        return counts;
    }
}
