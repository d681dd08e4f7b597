using MemFs.Translate.Physical;
using MemFs.Translate.Windows;

namespace MemFs.Vfs.Producers;

/// <summary>/README.txt: what this mount is and how to read it.</summary>
internal static class ReadmeText
{
    public static string Render(PhysicalImage image, WindowsSystem? system, string? failure, bool zeroFill) =>
        $"""
        MemFs: {image.Path}
        {image.Format}

        This is a read-only view of a memory image. Nothing here is written back; every file is produced on first
        read from the image (and its pagefiles and mapped files) and kept in a bounded cache.

          image/info.txt              format, physical runs, header facts, OS identification, symbol sources, warnings
          image/physical.raw          physical memory as a sparse file (holes are holes: SEEK_HOLE and du show them)
          image/pagefiles/            pagefiles the image or the command line supplied
          image/files/                files the image carries, by Windows path
          processes/<pid>-<name>/
            info.txt                  pid, parent, name, times, DTBs, EPROCESS, PEB, image path, command line
            vmem                      the whole user address space (128 TiB, offset = virtual address), sparse
            vads.txt                  the VADs
            vadmap.txt                every page's state: Valid, Transition, Pagefile n @, File Mapping file @,
                                      Demand Zero, (P) through a prototype PTE, Unresolvable: reason
            regions/<start>-<end>-<kind>[-<file>].bin
                                      one file per VAD with data, offset 0 = the VAD's start: search these
            vtop/<hex address>.txt    how that address translates, every step (see vtop/README.txt)
            vmem.png                  the address space at a glance: one band per VAD, pages coloured by state
            executable.exe            the main image rebuilt in file layout; pages neither in memory nor in the
                                      file on disk are zero-filled and listed in recovery.txt
            memory.bin                the main image as mapped (memory layout)
            recovery.txt              where each page came from, zero-filled bytes, sha256, differences from disk
            executable.png, recovery.png, diff.png   the same as pictures
            modules/<name>/           the same files for every loaded module
          kernel/modules/<name>/      every loaded driver: executable.exe, memory.bin, recovery.txt and pictures
          unlinked/<pid>-<name>/      processes not on the active list (terminated or hidden), found by scanning
                                      memory; listing unlinked/ runs the scan (see unlinked/README.txt)

        Unreadable pages: demand-zero pages read as zeros (that is their content), and so does address space with
        no memory behind it (outside every VAD, or reserved and never committed: "Reserved" in vadmap.txt); any
        other page that cannot be resolved makes the read of that range fail with EIO, and vadmap.txt says why.{(zeroFill ? " This mount was made with zero_fill: such pages read as zeros instead." : "")}
        Tools: point grep -r at processes/*/regions (grep without -a also handles vmem through SEEK_DATA); ripgrep, ssdeep,
        hashers and yara read every byte of a file, so do not point them at vmem.

        {(system is null ? $"No Windows kernel was read from this image, so processes/ is empty: {failure} (details in image/info.txt)." : $"Windows {system.Identity?.Build} kernel at 0x{system.Identity?.Base:X}, {system.Processes.Count} processes.")}

        """;
}
