namespace MemFs.Tests.Translate.Windows.Kernel;

/// <summary>EPROCESS offsets of one build, used to lay out synthetic processes.</summary>
internal sealed record TestEprocessLayout(uint Build, int Pid, int Links, int CreateTime, int Ppid, int SectionBase, int ObjectTable, int Peb,
    int ImageFileName, int SeAudit, int VadRoot)
{
    public static readonly TestEprocessLayout Windows10 = new(19041, 0x440, 0x448, 0x468, 0x540, 0x520, 0x570, 0x550, 0x5a8, 0x5c0, 0x7d8);
    /// <summary>Windows 11 24H2 (26100): _KPROCESS shrank to 0x1C8 bytes, so every EPROCESS member after it moved (public headers).</summary>
    public static readonly TestEprocessLayout Windows11_24H2 = new(26100, 0x1D0, 0x1D8, 0x1F8, 0x2D0, 0x2B0, 0x300, 0x2E0, 0x338, 0x350, 0x558);
    public static readonly TestEprocessLayout Windows7 = new(7601, 0x180, 0x188, 0x168, 0x290, 0x270, 0x200, 0x338, 0x2e0, 0x390, 0x448);

    public int ExitStatus => VadRoot - 4;
    public bool IsWindows10 => Build >= 10240;
}
