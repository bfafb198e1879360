package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code vfio_region_info_cap_sparse_mmap}: the only parts of a region that may be mmapped.
 * vfio-pci core emits none for BARs, but QEMU and DPDK honour it, so the rig does too.
 */
public final class SparseMmapCap {
    private static final long NR_AREAS = VfioLayouts.VFIO_REGION_INFO_CAP_SPARSE_MMAP.byteOffset(
            PathElement.groupElement("nr_areas"));
    private static final long AREAS = VfioLayouts.VFIO_REGION_INFO_CAP_SPARSE_MMAP.byteOffset(
            PathElement.groupElement("areas"));
    private static final long AREA_SIZE = VfioLayouts.VFIO_REGION_SPARSE_MMAP_AREA.byteSize();

    private SparseMmapCap() {
    }

    /**
     * One mmappable area.
     *
     * @param offset from the start of the region
     * @param size   bytes
     */
    public record Area(long offset, long size) {
    }

    /**
     * {@return the areas}
     *
     * @param info the region info buffer
     * @param cap  a capability with id {@link VfioConst#VFIO_REGION_INFO_CAP_SPARSE_MMAP}
     * @throws IllegalArgumentException          if {@code cap} has another id
     * @throws MalformedCapabilityChainException if nr_areas runs past the buffer
     */
    public static List<Area> areas(MemorySegment info, Capability cap) {
        if (cap.id() != VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP) {
            throw new IllegalArgumentException("not a SPARSE_MMAP capability: " + cap);
        }
        long base = cap.offset();
        if (base + AREAS > info.byteSize()) {
            throw new MalformedCapabilityChainException("SPARSE_MMAP header at " + base + " is truncated");
        }
        long count = Integer.toUnsignedLong(info.get(JAVA_INT_UNALIGNED, base + NR_AREAS));
        if (base + AREAS + count * AREA_SIZE > info.byteSize()) {
            throw new MalformedCapabilityChainException("SPARSE_MMAP at " + base + " claims " + count
                    + " areas, more than the " + info.byteSize() + "-byte buffer holds");
        }
        List<Area> areas = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            long at = base + AREAS + i * AREA_SIZE;
            areas.add(new Area(info.get(JAVA_LONG_UNALIGNED, at), info.get(JAVA_LONG_UNALIGNED, at + 8)));
        }
        return areas;
    }
}
