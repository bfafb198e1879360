package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code iommu_destroy} for IOMMU_DESTROY. */
public final class IommuDestroy {
    /** The layout (8 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.IOMMU_DESTROY;
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field ID = Field.of(LAYOUT, "id");

    private IommuDestroy() {
    }

    /**
     * {@return the request}
     *
     * @param arena owner of the buffer
     * @param id    any destroyable iommufd object id (IOAS, HWPT, ...)
     */
    public static MemorySegment allocate(Arena arena, int id) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        SIZE.setInt(s, (int) LAYOUT.byteSize());
        ID.setInt(s, id);
        return s;
    }
}
