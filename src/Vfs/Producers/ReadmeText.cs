using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;

namespace MemFs.Vfs.Producers;

/// <summary>/README.txt: what this mount is and how to read it.</summary>
internal static class ReadmeText
{
    public static string Render(PhysicalImage image, WindowsSystem? system, string? failure, HolePolicy holes) =>
        $"""
        MemFs: {image.Path}
        {image.Format}

        This is a read-only view of a memory image. Nothing here is written back; every file is produced on first
        read from the image (and its pagefiles and mapped files) and kept in a bounded cache.

          coverage.txt                every process's pages summed: readable, holes and failing, by reason;
                                      produced on first read by classifying every page of every process (slow)
          image/info.txt              format, physical runs, header facts, OS identification, symbol sources, warnings,
                                      the capture time dating this tree (KUSER_SHARED_DATA.SystemTime, else the
                                      image header's time, else the image file's modification time)
          image/physical.raw          physical memory as a sparse file (holes are holes: SEEK_HOLE and du show them)
          image/pagefiles/            pagefiles the image or the command line supplied
          image/files/                files the image carries, by Windows path
          processes/<pid>-<name>/
            info.txt                  pid, parent, name, times, DTBs, EPROCESS, PEB, image path, command line
            vmem                      the whole user address space (128 TiB, offset = virtual address), sparse
            vads.txt                  the VADs; every file names a VAD's kind alike: private, image, mapped-file,
                                      shared (pagefile-backed section), device-physical, awe, write-watch, large-pages…
            vadmap.txt                every page's state: Valid, Transition, Pagefile n @, File Mapping file @,
                                      Demand Zero, Reserved, Decommitted, (P) through a prototype PTE,
                                      Unresolvable: reason; "hole" marks pages that read as zeros
            threads.txt               threads (ThreadListHead): TID, state, times, start addresses as module!export+0xN
                                      or VAD, TEB, kernel and user stack, trap-frame registers; 0 bytes until read
            handles.txt               handles: value, object, access, type (ObHeaderCookie-decoded on Windows 10+), name;
                                      0 bytes until read
            ldrmodules.txt            per image VAD: base, InLoad/InInit/InMem (which PEB loader lists name it), path;
                                      0 bytes until read
            coverage.txt              this process's pages: readable, holes and failing, by state and by reason
            findings.txt              what deserves a look: unbacked executable memory, images missing from the
                                      loader lists or unlinked from some, patched code, IAT hooks, threads starting outside every image; 0 bytes until read
            regions/<start>-<end>-<kind>[-<file>].bin
                                      one file per VAD with data, offset 0 = the VAD's start: search these
            vtop/<hex address>.txt    how that address translates, every step (see vtop/README.txt)
            vmem.png                  the address space at a glance: one band per VAD, pages coloured by state
            executable.exe            the main image rebuilt in file layout; pages neither in memory nor in the
                                      file on disk are zero-filled and listed in recovery.txt
            memory.bin                the main image as mapped (memory layout)
            recovery.txt              where each page came from, zero-filled bytes, sha256, differences from disk
            executable.png, recovery.png, diff.png   the same as pictures
            modules/<name>/           the same files for every loaded module, and sections.txt, exports.txt,
                                      versioninfo.txt and imports.txt (IAT slots: where each points; HOOK? = outside every module)
            unloaded.txt              DLLs the loader unloaded (ntdll's unload event trace), oldest first, or why none
            patches.txt               code bytes that differ from the file on disk (hooks): module, section, RVA,
                                      length, nearest export (module!Export+0x5) and the recovery.txt to read next
          patches.txt                 every process's patches.txt in one list; its first read recovers every image
                                      of every process under processes/, so it takes a while
          kernel/modules/<name>/      every loaded driver: the files of a process's modules/<name>/
          kernel/vmem                 the kernel half of the address space: offset = virtual address - 0xFFFF800000000000
          kernel/vadmap.txt           what the kernel's page tables map: drivers, page tables (self-map),
                                      KUSER_SHARED_DATA, large pages, and pool / other kernel memory (not split)
          kernel/vtop/<hex>.txt       a kernel address's translation, every step (name = the full address)
          unlinked/<pid>-<name>/      processes not on the active list (terminated or hidden), found by scanning
                                      memory; listing unlinked/ runs the scan (see unlinked/README.txt)

        Holes: demand-zero pages read as zeros (that is their content). A page with no bytes is a hole: it reads as
        zeros and SEEK_HOLE/SEEK_DATA report it, so grep and cp --sparse skip it. Holes are address space with no
        memory behind it (outside every VAD, reserved and never committed, decommitted){HolePolicyText(holes)}
        vadmap.txt and vtop/ say why each page is a hole; coverage.txt counts them by reason, so you know how much a
        search could not see.
        Tools: point grep -r at processes/*/regions (grep without -a also handles vmem through SEEK_DATA); ripgrep, ssdeep,
        hashers and yara read every byte of a file, so do not point them at vmem.

        {(system is null ? $"No Windows kernel was read from this image, so processes/ is empty: {failure} (details in image/info.txt)." : $"Windows {system.Identity?.Build} kernel at 0x{system.Identity?.Base:X}, {system.Processes.Count} processes.")}

        """;

    private static string HolePolicyText(HolePolicy holes) => holes == HolePolicy.Strict
        ? """
          . This mount was made with --strict: a page whose bytes exist but cannot be resolved
          (pagefile or mapped file not supplied, paged-out page table, compressed store) fails the read with EIO.
          """
        : """
          , and every page whose bytes cannot be resolved
          (pagefile or mapped file not supplied, paged-out page table, compressed store). Mount with --strict to get EIO
          for those instead.
          """;
}
