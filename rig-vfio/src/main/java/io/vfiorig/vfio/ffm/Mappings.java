package io.vfiorig.vfio.ffm;

import java.lang.foreign.MemorySegment;

/**
 * Aligned mmap, the way QEMU ({@code vfio_region_mmap}) and the VFIO selftests ({@code vfio_pci_bar_map})
 * do it: the kernel only installs PMD/PUD (2 MiB / 1 GiB) entries for a BAR when the virtual address is
 * aligned like the physical one, and mainline mmap without MAP_FIXED does not align device mappings.
 */
public final class Mappings {
    /** Largest alignment worth asking for: PUD size on x86_64. */
    public static final long MAX_ALIGN = 1L << 30;

    private Mappings() {
    }

    /**
     * The alignment to map a BAR of {@code barSize} bytes at: the highest power of two dividing the
     * size, capped at 1 GiB (QEMU: {@code MIN(1 << ctz64(size), 1 GiB)}).
     *
     * @param barSize region size in bytes, positive
     * @return the alignment in bytes
     * @throws IllegalArgumentException if {@code barSize <= 0}
     */
    public static long alignFor(long barSize) {
        if (barSize <= 0) {
            throw new IllegalArgumentException("BAR size must be positive, got " + barSize);
        }
        return Math.min(Long.lowestOneBit(barSize), MAX_ALIGN);
    }

    /**
     * Maps {@code size} bytes of {@code fd} at a virtual address aligned to {@code align}.
     *
     * <p>Reserves {@code size + align} bytes of PROT_NONE anonymous memory, unmaps the head and tail
     * around the aligned window, then maps the file over the window with MAP_FIXED. Only the window
     * stays mapped, so {@code munmap(result, size)} releases everything.
     *
     * @param size   bytes to map
     * @param align  power of two; values below the page size mean "page aligned"
     * @param prot   {@code PROT_*}
     * @param flags  {@code MAP_*}; {@code MAP_FIXED} is added
     * @param fd     descriptor to map, or -1 with {@code MAP_ANONYMOUS}
     * @param offset file offset (for a BAR: {@code region_info.offset})
     * @return a segment of {@code size} bytes whose address is a multiple of {@code align}
     * @throws IllegalArgumentException if size is not positive or align is not a power of two
     * @throws NativeCallException      if a reserve, trim or the final mmap fails (nothing stays mapped)
     */
    public static MemorySegment mapAligned(long size, long align, int prot, int flags, int fd, long offset) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (align <= 0 || Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("align must be a power of two, got " + align);
        }
        long page = Libc.pageSize();
        long effectiveAlign = Math.max(align, page);
        long window = roundUp(size, page);
        long reserveLength = window + effectiveAlign;

        MemorySegment reserve = Libc.mmap(MemorySegment.NULL, reserveLength, Libc.PROT_NONE,
                Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0);
        long base = reserve.address();
        long aligned = roundUp(base, effectiveAlign);
        long head = aligned - base;
        long tail = base + reserveLength - (aligned + window);
        try {
            if (head > 0) {
                Libc.munmap(MemorySegment.ofAddress(base), head);
            }
            if (tail > 0) {
                Libc.munmap(MemorySegment.ofAddress(aligned + window), tail);
            }
        } catch (NativeCallException e) {
            Libc.munmap(reserve, reserveLength); // unmapping a range with holes is fine
            throw e;
        }
        try {
            return Libc.mmap(MemorySegment.ofAddress(aligned), size, prot, flags | Libc.MAP_FIXED, fd, offset);
        } catch (NativeCallException e) {
            Libc.munmap(MemorySegment.ofAddress(aligned), window); // drop the PROT_NONE window too
            throw e;
        }
    }

    private static long roundUp(long value, long powerOfTwo) {
        return (value + powerOfTwo - 1) & -powerOfTwo;
    }
}
