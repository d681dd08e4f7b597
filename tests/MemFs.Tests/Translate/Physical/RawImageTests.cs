using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Raw;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

public class RawImageTests
{
    [Test]
    public void TheFileIsPhysicalMemoryFromAddressZero()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, TestPhysicalPages.Bytes(0, 16 * 4096));
            using var image = RawImage.Open(new FileByteSource(path));
            Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 16 * 4096) }));
            var buffer = new byte[6000];
            image.Memory.Read(0x3F00, buffer);
            Assert.That(buffer, Is.EqualTo(TestPhysicalPages.Bytes(0x3F00, 6000)));
            Assert.That(() => image.Memory.Read(16 * 4096 - 8, new byte[16]), Throws.InstanceOf<PhysicalHoleException>().With.Message.Contains("0x10000"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ZeroHolesIsAnExplicitChoice()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, TestPhysicalPages.Bytes(0, 2 * 4096));
            using var image = RawImage.Open(new FileByteSource(path));
            var buffer = new byte[0x2000];
            PhysicalReads.Read(image.Memory, 0x1000, buffer, zeroHoles: true);
            Assert.That(buffer[..0x1000], Is.EqualTo(TestPhysicalPages.Bytes(0x1000, 0x1000)));
            Assert.That(buffer[0x1000..], Is.All.EqualTo(0));
            Assert.That(() => PhysicalReads.Read(image.Memory, 0x1000, buffer, zeroHoles: false), Throws.InstanceOf<PhysicalHoleException>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
