using MemFs.Aff4;
using MemFs.Aff4.Caching;
using MemFs.Aff4.Discovery;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;
using MemFs.Translate.Physical.Elf;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Aff4;

/// <summary>
/// An AFF4 memory image (WinPmem/Rekall/Evimetry) as physical memory, with the pmem metadata (CR3,
/// kernel base, build) as facts and the pagefiles and acquired files the volume carries as auxiliary sources.
/// </summary>
internal static class Aff4PhysicalImage
{
    public static PhysicalImage Open(IReadOnlyList<string> volumePaths, ChunkCache? cache = null)
    {
        var image = Aff4Image.Open(volumePaths, cache);
        try
        {
            var found = image.Locator.FindPhysicalMemory() ?? throw new ImageFormatException(volumePaths[0], null,
                "the AFF4 volume holds no physical memory (no aff4:category memory:physical, aff4:MemoryImage or PhysicalMemory segment); " +
                "use 'memfs aff4 info' to see what it holds");
            var stream = image.OpenStream(found.Urn);
            var dialect = image.Volumes.Volumes[0].Dialect;
            var warnings = new List<string>(image.Warnings);
            IPhysicalMemory memory;
            var owned = new List<IDisposable>();
            if (stream is MapStream map)
            {
                memory = new Aff4PhysicalMemory(map, $"AFF4 memory image ({dialect}), map {found.Urn}");
            }
            else
            {
                // WinPmem --format raw/elf inside AFF4: PhysicalMemory is one stored segment.
                var source = new Aff4StreamByteSource(stream);
                var head = new byte[Math.Min(64, (int)Math.Min(stream.Length, 64))];
                stream.Read(0, head);
                var inner = ElfCoreImage.IsElf(head) ? ElfCoreImage.Open(source) : Raw.RawImage.Open(source);
                memory = inner.Memory;
                warnings.AddRange(inner.Warnings);
            }
            var facts = ReadFacts(image, found.Urn);
            var auxiliary = image.Locator.FindPagefiles()
                .Select(p => new AuxiliarySource(AuxiliaryKind.Pagefile, p.WindowsPath ?? p.Urn, SizeOf(image, p.Urn), p.Number, $"AFF4 {p.Urn} (found by {p.FoundBy})"))
                .Concat(image.Locator.AcquiredFiles()
                    .Where(f => image.Locator.FindPagefiles().All(p => p.Urn != f.Urn))
                    .Select(f => new AuxiliarySource(AuxiliaryKind.File, f.WindowsPath, SizeOf(image, f.Urn), null, $"AFF4 {f.Urn}")))
                .ToArray();
            owned.Add(image);
            return new PhysicalImage(volumePaths[0], memory, facts, warnings, auxiliary, [.. owned]) { Aff4 = image };
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static ImageFacts ReadFacts(Aff4Image image, string physicalUrn)
    {
        var facts = ImageFacts.None;
        if (image.Locator.ReadPmemInformation(physicalUrn) is var (info, _))
        {
            facts = facts with
            {
                DirectoryTableBase = info.Cr3,
                KernelBase = info.KernelBase,
                // NtBuildNumber carries flags in its top nibble (0xF0000000 on free builds): the build is the low 16 bits.
                BuildNumber = info.NtBuildNumber is { } build ? (uint)(build & 0xFFFF) : null,
                Imager = info.Imager,
            };
        }
        if (image.Graph.IsA(physicalUrn, Aff4Vocabulary.MemoryImage))
        {
            if (facts.DirectoryTableBase is null && image.Graph.TryGetUInt64(physicalUrn, Aff4Vocabulary.MemoryPageTableEntryOffset, out var dtb) && dtb != 0)
                facts = facts with { DirectoryTableBase = dtb };
            if (facts.KernelBase is null && image.Graph.TryGetUInt64(physicalUrn, Aff4Vocabulary.NTKernelBase, out var kernel) && kernel != 0)
                facts = facts with { KernelBase = kernel };
            var ranges = image.Locator.ReadPhysicalMemoryMap(physicalUrn);
            if (ranges.Count > 0)
                facts = facts with { Other = [new("Evimetry memory ranges", string.Join(", ", ranges.Select(r => $"0x{r.Offset:X}+0x{r.Size:X}")))] };
        }
        return facts;
    }

    private static long? SizeOf(Aff4Image image, string urn)
    {
        try
        {
            return image.OpenStream(urn).Length;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
