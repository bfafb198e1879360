package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code iommu_ioas_alloc} for IOMMU_IOAS_ALLOC. */
public final class IoasAlloc {
    /** The layout (12 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.IOMMU_IOAS_ALLOC;
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field OUT_IOAS_ID = Field.of(LAYOUT, "out_ioas_id");

    private IoasAlloc() {
    }

    /**
     * {@return the request (flags must be 0)}
     *
     * @param arena owner of the buffer
     */
    public static MemorySegment allocate(Arena arena) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        SIZE.setInt(s, (int) LAYOUT.byteSize());
        return s;
    }

    /**
     * {@return the new IOAS id}
     *
     * @param s the request after the ioctl
     */
    public static int outIoasId(MemorySegment s) {
        return OUT_IOAS_ID.getInt(s);
    }
}
