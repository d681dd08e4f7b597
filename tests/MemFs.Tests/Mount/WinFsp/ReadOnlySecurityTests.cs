using System.Buffers.Binary;
using MemFs.Mount.WinFsp;
using NUnit.Framework;

namespace MemFs.Tests.Mount.WinFsp;

/// <summary>
/// The self-relative descriptor, decoded field by field (SECURITY_DESCRIPTOR_RELATIVE, ACL, ACCESS_ALLOWED_ACE and SID
/// as winnt.h lays them out), and the buffer contract of GetSecurityByName.
/// </summary>
public unsafe class ReadOnlySecurityTests
{
    [Test]
    public void DescriptorIsAdministratorsOwnedWithAProtectedReadOnlyDacl()
    {
        var sd = ReadOnlySecurity.Descriptor.ToArray();
        Assert.That(sd[0], Is.EqualTo(1), "revision");
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(2)), Is.EqualTo(0x8000 | 0x1000 | 0x0004), "self-relative, DACL protected and present");
        var owner = (int)BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(4));
        var group = (int)BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(8));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(12)), Is.Zero, "no SACL");
        var dacl = (int)BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(16));
        Assert.That(Sid(sd, owner), Is.EqualTo("S-1-5-32-544"));
        Assert.That(Sid(sd, group), Is.EqualTo("S-1-5-32-544"));
        Assert.That(new[] { owner, group, dacl }, Is.All.Matches<int>(o => o % 4 == 0), "ACLs and SIDs are DWORD-aligned");

        Assert.That(sd[dacl], Is.EqualTo(2), "ACL_REVISION");
        var aclSize = BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(dacl + 2));
        Assert.That(dacl + aclSize, Is.EqualTo(sd.Length));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(dacl + 4)), Is.EqualTo(2), "two ACEs");
        var aces = new List<(byte Type, uint Mask, string Sid)>();
        var position = dacl + 8;
        for (var i = 0; i < 2; i++)
        {
            var size = BinaryPrimitives.ReadUInt16LittleEndian(sd.AsSpan(position + 2));
            aces.Add((sd[position], BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(position + 4)), Sid(sd, position + 8)));
            position += size;
        }
        Assert.That(position, Is.EqualTo(sd.Length));
        Assert.That(aces, Is.EqualTo(new[] { ((byte)0, 0x1200A9u, "S-1-1-0"), ((byte)0, 0x1200A9u, "S-1-3-4") }),
            "allow Everyone and OWNER RIGHTS FILE_GENERIC_READ | FILE_GENERIC_EXECUTE, nothing more");
        Assert.That(ReadOnlySecurity.ReadAndExecute & (0x2 | 0x4 | 0x10 | 0x100 | 0x10000 | 0x40000 | 0x80000), Is.Zero, "no write right");
    }

    [Test]
    public void SmallBufferGetsBufferOverflowAndTheSizeNeeded()
    {
        var length = (nuint)ReadOnlySecurity.Descriptor.Length;
        var buffer = new byte[length];
        nuint size = 4;
        fixed (byte* p = buffer)
        {
            Assert.That(ReadOnlySecurity.CopyTo(p, &size), Is.EqualTo(NtStatus.BufferOverflow));
            Assert.That(size, Is.EqualTo(length));
            Assert.That(buffer, Is.All.Zero);
            Assert.That(ReadOnlySecurity.CopyTo(p, &size), Is.EqualTo(NtStatus.Success));
        }
        Assert.That(buffer, Is.EqualTo(ReadOnlySecurity.Descriptor.ToArray()));
        size = 4096;
        Assert.That(ReadOnlySecurity.CopyTo(null, &size), Is.EqualTo(NtStatus.Success), "size asked without a buffer");
        Assert.That(size, Is.EqualTo(length));
        Assert.That(ReadOnlySecurity.CopyTo(null, null), Is.EqualTo(NtStatus.Success), "nothing asked");
    }

    private static string Sid(byte[] sd, int offset)
    {
        Assert.That(sd[offset], Is.EqualTo(1), "SID revision");
        var count = sd[offset + 1];
        var authority = 0L;
        for (var i = 0; i < 6; i++) authority = authority << 8 | sd[offset + 2 + i];
        var subs = Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(sd.AsSpan(offset + 8 + 4 * i)));
        return $"S-1-{authority}-" + string.Join("-", subs);
    }
}
