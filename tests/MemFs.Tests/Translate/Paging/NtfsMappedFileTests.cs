using System.Buffers.Binary;
using MemFs.Translate.Windows.Layouts;
using MemFs.Tests.Translate.Files.Ntfs;
using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files.Ntfs;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Windows;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging;

/// <summary>Mapped-file pages served from an NTFS volume image (built with Debian's ntfs-3g) through our NTFS reader.</summary>
public class NtfsMappedFileTests
{
    [Test]
    public void SubsectionPagesAreReadFromTheNtfsVolume()
    {
        NtfsTools.Require("mkntfs");
        NtfsTools.RequireMount(NtfsTools.CanMount);
        var scenario = new SwapperScenario(windows10: true);
        var directory = Directory.CreateTempSubdirectory("memfs-ntfs-map-").FullName;
        try
        {
            var volume = Path.Combine(directory, "c.img");
            NtfsTools.MakeVolume(volume, 16 << 20);
            NtfsTools.WithMount(volume, mount =>
            {
                foreach (var (name, bytes) in scenario.Image.Files)
                {
                    var path = Path.Combine(mount, name.TrimStart('\\').Replace('\\', '/'));
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, bytes);
                }
            });

            var providers = NtfsVolumeFiles.OpenAll(volume);
            Assert.That(providers, Has.Count.EqualTo(1));
            using var ntfs = providers[0];
            using var space = new ExtendedPhysicalSpace(scenario.Image.Physical,
                new Dictionary<int, IByteSource> { [0] = new TestArraySource(scenario.Image.PagefileBytes) }, ntfs);
            var translator = new WindowsTranslator(space, scenario.Image.Settings, scenario.Image.Dtb, new SectionObjectReader(scenario.Image.Sections));
            var memory = new VirtualMemory(translator, scenario.Image.Dtb, scenario.Image.VadSource);

            var filePages = scenario.Pages.Where(p => p.Needs == SwapperScenario.Needs.File).ToArray();
            Assert.That(filePages, Has.Length.GreaterThan(4));
            foreach (var page in filePages)
            {
                var buffer = new byte[8];
                memory.Read(page.Va, buffer);
                Assert.That(BinaryPrimitives.ReadInt64LittleEndian(buffer), Is.EqualTo(page.Value), page.State);
            }
            Assert.That(space.Regions.Select(r => r.Kind), Has.Member(BackingKind.File));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
