using NUnit.Framework;

namespace MemFs.Tests.Support;

public class SharedDataTests
{
    [Test]
    public void SharedDataFolderHoldsTheAff4Samples()
    {
        var expected = SharedData.Require("aff4/expected.json");
        Assert.That(new FileInfo(expected).Length, Is.GreaterThan(1000));
    }
}
