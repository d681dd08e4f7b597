using System.Buffers.Binary;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// The one security descriptor every node has: self-relative, built by hand so it exists (and is tested) on any OS, with
/// the SDDL meaning <c>O:BAG:BAD:P(A;;FRFX;;;WD)(A;;FRFX;;;OW)</c>: owned by Administrators, and a protected DACL that
/// allows Everyone read and execute (FILE_GENERIC_READ | FILE_GENERIC_EXECUTE = 0x1200A9, which covers listing and
/// traversing directories) and nothing else. The OWNER RIGHTS entry takes away the owner's implicit WRITE_DAC. WinFsp
/// checks every open against it, so writes are refused as access denied before they reach a callback.
/// </summary>
internal static class ReadOnlySecurity
{
    public const uint ReadAndExecute = 0x1200A9;

    private const ushort SelfRelative = 0x8000, DaclProtected = 0x1000, DaclPresent = 0x0004;
    private const byte AccessAllowedAceType = 0;
    private const byte AclRevision = 2;

    private static readonly byte[] Administrators = Sid(5, 32, 544); // S-1-5-32-544
    private static readonly byte[] Everyone = Sid(1, 0);             // S-1-1-0
    private static readonly byte[] OwnerRights = Sid(3, 4);          // S-1-3-4

    /// <summary>The descriptor's bytes (SECURITY_DESCRIPTOR_RELATIVE, then owner, group and DACL; all 4-byte aligned).</summary>
    public static ReadOnlySpan<byte> Descriptor => Bytes;

    private static readonly byte[] Bytes = Build();

    /// <summary>
    /// GetSecurityByName/GetSecurity's contract: with no size pointer nothing is asked; a buffer smaller than the descriptor
    /// gets STATUS_BUFFER_OVERFLOW and the size needed; otherwise the descriptor is copied (when a buffer is given).
    /// </summary>
    public static unsafe int CopyTo(void* destination, nuint* size)
    {
        if (size == null) return NtStatus.Success;
        var needed = (nuint)Bytes.Length;
        if (*size < needed)
        {
            *size = needed;
            return NtStatus.BufferOverflow;
        }
        *size = needed;
        if (destination != null) Bytes.CopyTo(new Span<byte>(destination, Bytes.Length));
        return NtStatus.Success;
    }

    private static byte[] Build()
    {
        const int header = 20;
        byte[][] aces = [Ace(ReadAndExecute, Everyone), Ace(ReadAndExecute, OwnerRights)];
        var aclSize = 8 + aces.Sum(a => a.Length);
        var owner = header;
        var group = owner + Administrators.Length;
        var dacl = group + Administrators.Length;
        var bytes = new byte[dacl + aclSize];
        var span = bytes.AsSpan();
        span[0] = 1; // revision
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], SelfRelative | DaclProtected | DaclPresent);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)owner);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)group);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 0); // no SACL
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)dacl);
        Administrators.CopyTo(span[owner..]);
        Administrators.CopyTo(span[group..]);
        span[dacl] = AclRevision;
        BinaryPrimitives.WriteUInt16LittleEndian(span[(dacl + 2)..], (ushort)aclSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(dacl + 4)..], (ushort)aces.Length);
        var position = dacl + 8;
        foreach (var ace in aces)
        {
            ace.CopyTo(span[position..]);
            position += ace.Length;
        }
        return bytes;
    }

    /// <summary>ACCESS_ALLOWED_ACE: type, flags, UINT16 size, ACCESS_MASK, then the SID.</summary>
    private static byte[] Ace(uint mask, byte[] sid)
    {
        var ace = new byte[8 + sid.Length];
        ace[0] = AccessAllowedAceType;
        BinaryPrimitives.WriteUInt16LittleEndian(ace.AsSpan(2), (ushort)ace.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(ace.AsSpan(4), mask);
        sid.CopyTo(ace, 8);
        return ace;
    }

    /// <summary>A SID: revision 1, sub-authority count, the 48-bit authority big-endian, sub-authorities little-endian.</summary>
    private static byte[] Sid(byte authority, params uint[] subAuthorities)
    {
        var sid = new byte[8 + 4 * subAuthorities.Length];
        sid[0] = 1;
        sid[1] = (byte)subAuthorities.Length;
        sid[7] = authority;
        for (var i = 0; i < subAuthorities.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(8 + 4 * i), subAuthorities[i]);
        return sid;
    }
}
