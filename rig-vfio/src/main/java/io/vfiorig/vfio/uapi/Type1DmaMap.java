package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_iommu_type1_dma_map} for VFIO_IOMMU_MAP_DMA on a type1 container. */
public final class Type1DmaMap {
    /** The layout (32 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_IOMMU_TYPE1_DMA_MAP;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field VADDR = Field.of(LAYOUT, "vaddr");
    private static final Field IOVA = Field.of(LAYOUT, "iova");
    private static final Field SIZE = Field.of(LAYOUT, "size");

    private Type1DmaMap() {
    }

    /**
     * {@return the request}
     *
     * @param arena owner of the buffer
     * @param flags {@code VFIO_DMA_MAP_FLAG_READ | _WRITE}
     * @param vaddr process address (may be a BAR mmap: type1 accepts it, iommufd does not)
     * @param iova  IO virtual address
     * @param size  bytes
     */
    public static MemorySegment allocate(Arena arena, int flags, long vaddr, long iova, long size) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
        FLAGS.setInt(s, flags);
        VADDR.setLong(s, vaddr);
        IOVA.setLong(s, iova);
        SIZE.setLong(s, size);
        return s;
    }
}
