package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.Mappings;
import io.vfiorig.vfio.ffm.NativeCallException;
import io.vfiorig.vfio.uapi.VfioConst;
import java.lang.foreign.MemorySegment;

/**
 * A BAR mapped the way QEMU and the VFIO selftests map it: aligned to min(size, 1 GiB) so huge
 * (PMD/PUD) faults are possible, then MADV_HUGEPAGE (THP "madvise" mode needs it).
 *
 * @param bar            the mapping the engine sees
 * @param region         what the kernel reported for it
 * @param madvised       MADV_HUGEPAGE succeeded
 * @param madviseError   why it did not, or ""
 */
record MappedBar(Bar bar, Region region, boolean madvised, String madviseError) {

    static MappedBar map(int fd, Region r) {
        MemorySegment mem = Mappings.mapAligned(r.size(), Mappings.alignFor(r.size()), prot(r), Libc.MAP_SHARED, fd,
                r.offset());
        String error = madviseHuge(mem);
        return new MappedBar(new Bar(r.index(), mem, r.size()), r, error.isEmpty(), error);
    }

    /**
     * Maps the BAR again over itself (MAP_FIXED replaces the VMA): a fresh mapping without page table
     * entries, so the next touch faults. vfio BARs are VM_PFNMAP, which MADV_DONTNEED refuses.
     */
    void remap(int fd) {
        Libc.mmap(bar.memory(), bar.size(), prot(region), Libc.MAP_SHARED | Libc.MAP_FIXED, fd, region.offset());
        madviseHuge(bar.memory());
    }

    private static int prot(Region r) {
        return (r.has(VfioConst.VFIO_REGION_INFO_FLAG_READ) ? Libc.PROT_READ : 0)
                | (r.has(VfioConst.VFIO_REGION_INFO_FLAG_WRITE) ? Libc.PROT_WRITE : 0);
    }

    /** MADV_HUGEPAGE; returns "" or the errno name. Not fatal: the fault expectation then says order 0 under THP "madvise". */
    private static String madviseHuge(MemorySegment mem) {
        try {
            Libc.madvise(mem, mem.byteSize(), Libc.MADV_HUGEPAGE);
            return "";
        } catch (NativeCallException e) {
            return e.errnoName();
        }
    }

    void unmap() {
        try {
            Libc.munmap(bar.memory(), bar.size());
        } catch (NativeCallException ignored) {
            // nothing left to do on the way out
        }
    }
}
