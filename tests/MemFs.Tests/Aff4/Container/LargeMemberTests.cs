using System.Text;
using MemFs.Aff4.Container;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Container;

/// <summary>A stored member over 4 GiB (a raw PhysicalMemory segment), written as a sparse file.</summary>
public class LargeMemberTests
{
    [Test]
    public void MemberOver4GiBHasItsSizesOnlyInTheZip64Extra()
    {
        const long size = (5L << 30) + 123;
        var name = Encoding.ASCII.GetBytes("PhysicalMemory");
        var path = Path.Combine(Path.GetTempPath(), $"memfs-large-{Guid.NewGuid():N}.aff4");
        try
        {
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            using (var w = new BinaryWriter(stream))
            {
                w.Write(0x04034B50u); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u);
                w.Write(0u); w.Write(uint.MaxValue); w.Write(uint.MaxValue);
                w.Write((ushort)name.Length); w.Write((ushort)20); w.Write(name);
                w.Write((ushort)1); w.Write((ushort)16); w.Write((ulong)size); w.Write((ulong)size);
                var dataStart = stream.Position;
                w.Write("head"u8);
                stream.Seek(dataStart + size - 4, SeekOrigin.Begin);
                w.Write("tail"u8);

                var directory = stream.Position;
                // Only the two sizes overflow; the local header offset (0) stays in the 32-bit field.
                w.Write(0x02014B50u); w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u);
                w.Write(0u); w.Write(uint.MaxValue); w.Write(uint.MaxValue);
                w.Write((ushort)name.Length); w.Write((ushort)20); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u);
                w.Write(0u); w.Write(name);
                w.Write((ushort)1); w.Write((ushort)16); w.Write((ulong)size); w.Write((ulong)size);
                var directorySize = stream.Position - directory;

                var zip64End = stream.Position;
                w.Write(0x06064B50u); w.Write(44UL); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
                w.Write(1UL); w.Write(1UL); w.Write((ulong)directorySize); w.Write((ulong)directory);
                w.Write(0x07064B50u); w.Write(0u); w.Write((ulong)zip64End); w.Write(1u);
                w.Write(0x06054B50u); w.Write(0u); w.Write((ushort)1); w.Write((ushort)1);
                w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)0);
            }

            using var zip = ZipVolume.Open(path);
            var member = zip.Members.Single();
            Assert.That(member.UncompressedSize, Is.EqualTo(size));
            Assert.That(member.CompressedSize, Is.EqualTo(size));
            var buffer = new byte[8];
            Assert.That(zip.ReadMember(member, 0, buffer.AsSpan(0, 4)), Is.EqualTo(4));
            Assert.That(Encoding.ASCII.GetString(buffer, 0, 4), Is.EqualTo("head"));
            Assert.That(zip.ReadMember(member, size - 4, buffer), Is.EqualTo(4));
            Assert.That(Encoding.ASCII.GetString(buffer, 0, 4), Is.EqualTo("tail"));
            Assert.That(zip.ReadMember(member, 1L << 32, buffer), Is.EqualTo(8));
            Assert.That(buffer, Is.EqualTo(new byte[8]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
