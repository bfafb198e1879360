package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code iommu_ioas_unmap} for IOMMU_IOAS_UNMAP. */
public final class IoasUnmap {
    /** The layout (24 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.IOMMU_IOAS_UNMAP;
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field IOAS_ID = Field.of(LAYOUT, "ioas_id");
    private static final Field IOVA = Field.of(LAYOUT, "iova");
    private static final Field LENGTH = Field.of(LAYOUT, "length");

    private IoasUnmap() {
    }

    /**
     * {@return the request}
     *
     * @param arena  owner of the buffer
     * @param ioasId the IOAS
     * @param iova   start of a superset of earlier mappings
     * @param length bytes
     */
    public static MemorySegment allocate(Arena arena, int ioasId, long iova, long length) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        SIZE.setInt(s, (int) LAYOUT.byteSize());
        IOAS_ID.setInt(s, ioasId);
        IOVA.setLong(s, iova);
        LENGTH.setLong(s, length);
        return s;
    }

    /**
     * Unmaps everything: iova 0, length U64_MAX.
     *
     * @param arena  owner of the buffer
     * @param ioasId the IOAS
     * @return the request
     */
    public static MemorySegment all(Arena arena, int ioasId) {
        return allocate(arena, ioasId, 0, -1L);
    }

    /**
     * {@return bytes actually unmapped}
     *
     * @param s the request after the ioctl
     */
    public static long length(MemorySegment s) {
        return LENGTH.getLong(s);
    }
}
