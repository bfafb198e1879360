package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_iommu_type1_dma_unmap} for VFIO_IOMMU_UNMAP_DMA on a type1 container (no dirty bitmap). */
public final class Type1DmaUnmap {
    /** The layout (24 bytes without data[]). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_IOMMU_TYPE1_DMA_UNMAP;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field IOVA = Field.of(LAYOUT, "iova");
    private static final Field SIZE = Field.of(LAYOUT, "size");

    private Type1DmaUnmap() {
    }

    /**
     * {@return the request}
     *
     * @param arena owner of the buffer
     * @param flags 0, or {@code VFIO_DMA_UNMAP_FLAG_ALL} with iova and size 0
     * @param iova  IO virtual address
     * @param size  bytes
     */
    public static MemorySegment allocate(Arena arena, int flags, long iova, long size) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
        FLAGS.setInt(s, flags);
        IOVA.setLong(s, iova);
        SIZE.setLong(s, size);
        return s;
    }

    /**
     * {@return bytes actually unmapped}
     *
     * @param s the request after the ioctl
     */
    public static long size(MemorySegment s) {
        return SIZE.getLong(s);
    }
}
