using System.Buffers.Binary;
using MemFs.Translate.Windows.Threads;
using MemFs.Vfs.Minidump;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>
/// The CONTEXT a thread's trap frame gives: only from a user-mode frame (RPL 3 in SegCs), only the control group
/// (CONTEXT_AMD64 | CONTEXT_CONTROL), at the winnt.h offsets; otherwise none, with why.
/// </summary>
public class TrapFrameContextTests
{
    private const ulong Frame = 0xFFFF_F88A_1234_5E70;

    private static ThreadInfo Thread(ulong? trapFrame, params (string Name, ulong Value)[] registers) =>
        new(0xFFFF_A000_0000_1000, 0x2010, 0x1F40, 2, 10, null, null, null, null, 0x3000, null, null, null, null, trapFrame)
        {
            Registers = registers.Select(r => new RegisterValue(r.Name, r.Value)).ToArray(),
        };

    private static readonly (string, ulong)[] UserFrame =
    [
        ("Rax", 0x1D5), ("Rcx", 0x7FF8_1234_5678), ("Rbp", 0x1_8F40), ("Rsp", 0x1_8F00), ("Rip", 0x7FF8_1234_5678), ("EFlags", 0x246), ("SegCs", 0x33),
        ("SegSs", 0x2B),
    ];

    [Test]
    public void AUserModeFrameGivesTheControlRegistersAndClaimsNothingElse()
    {
        var context = TrapFrameContext.Of(Thread(Frame, UserFrame));

        Assert.That(context.InDump);
        var bytes = context.Bytes!;
        Assert.That(bytes, Has.Length.EqualTo(0x4D0));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x30)), Is.EqualTo(0x0010_0001u), "CONTEXT_AMD64 | CONTEXT_CONTROL");
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x38)), Is.EqualTo(0x33));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x42)), Is.EqualTo(0x2B));
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x44)), Is.EqualTo(0x246u));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x98)), Is.EqualTo(0x1_8F00UL));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0xF8)), Is.EqualTo(0x7FF8_1234_5678UL));
        var claimed = new[] { 0x30, 0x31, 0x32, 0x33, 0x38, 0x39, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47 }
            .Concat(Enumerable.Range(0x98, 8)).Concat(Enumerable.Range(0xF8, 8)).ToHashSet();
        Assert.That(Enumerable.Range(0, bytes.Length).Where(i => !claimed.Contains(i) && bytes[i] != 0), Is.Empty,
            "Rax, Rcx and Rbp are in the frame but belong to CONTEXT_INTEGER, which is not claimed: they are not written");
        Assert.That(context.Note, Is.EqualTo($"_KTRAP_FRAME at 0x{Frame:X}, control registers only (Rip, Rsp, EFlags, SegCs, SegSs; ContextFlags 0x100001)"));
    }

    [Test]
    public void AKernelModeFrameGivesNoContextAndSaysWhy()
    {
        var kernel = UserFrame.Select(r => r.Item1 == "SegCs" ? ("SegCs", 0x10UL) : r.Item1 == "SegSs" ? ("SegSs", 0x18UL) : r).ToArray();

        var context = TrapFrameContext.Of(Thread(Frame, kernel));

        Assert.That(context.Bytes, Is.Null);
        Assert.That(context.Note, Is.EqualTo($"none: the _KTRAP_FRAME at 0x{Frame:X} is a kernel-mode frame (SegCs 0x10, privilege level 0): it holds no user-mode registers"));
    }

    [Test]
    public void AFrameWithoutSomeControlRegisterGivesNoContext()
    {
        var context = TrapFrameContext.Of(Thread(Frame, UserFrame.Where(r => r.Item1 is not ("SegSs" or "EFlags")).ToArray()));

        Assert.That(context.Bytes, Is.Null);
        Assert.That(context.Note, Does.Contain("lacks EFlags, SegSs"));
    }

    [TestCase(0UL, "none: no trap frame (_KTHREAD.TrapFrame is null")]
    [TestCase(null, "none: _KTHREAD.TrapFrame could not be read")]
    public void NoTrapFrameGivesNoContext(ulong? frame, string why)
    {
        var context = TrapFrameContext.Of(Thread(frame));

        Assert.That(context.Bytes, Is.Null);
        Assert.That(context.Note, Does.StartWith(why));
    }
}
