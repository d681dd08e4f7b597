using MemFs.Mount.Memory;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Memory;

public class GcHeapLimitTests
{
    [Test]
    public void TheHeapMayHoldTheCacheBudgetAndTheAllowance() =>
        Assert.That(GcHeapLimit.For(64L << 20, userConfigured: false), Is.EqualTo((64L << 20) + GcHeapLimit.Allowance));

    [Test]
    public void ALimitTheUserConfiguredIsKept() =>
        Assert.That(GcHeapLimit.For(64L << 20, userConfigured: true), Is.Null);

    [TestCase(0L)]
    [TestCase(-1L)]
    [TestCase(long.MaxValue)]
    public void NoLimitForABudgetThatCannotBeOne(long cacheBytes) =>
        Assert.That(GcHeapLimit.For(cacheBytes, userConfigured: false), Is.Null);
}
