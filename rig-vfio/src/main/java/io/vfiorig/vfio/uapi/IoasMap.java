package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code iommu_ioas_map} for IOMMU_IOAS_MAP (iommufd refuses BAR mmaps here; use MAP_FILE with a dma-buf). */
public final class IoasMap {
    /** The layout (40 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.IOMMU_IOAS_MAP;
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field IOAS_ID = Field.of(LAYOUT, "ioas_id");
    private static final Field USER_VA = Field.of(LAYOUT, "user_va");
    private static final Field LENGTH = Field.of(LAYOUT, "length");
    private static final Field IOVA = Field.of(LAYOUT, "iova");

    private IoasMap() {
    }

    /**
     * {@return the request}
     *
     * @param arena  owner of the buffer
     * @param flags  {@code IOMMU_IOAS_MAP_*}
     * @param ioasId the IOAS
     * @param userVa process address to map
     * @param length bytes
     * @param iova   the IOVA with FIXED_IOVA, else ignored
     */
    public static MemorySegment allocate(Arena arena, int flags, int ioasId, long userVa, long length, long iova) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        SIZE.setInt(s, (int) LAYOUT.byteSize());
        FLAGS.setInt(s, flags);
        IOAS_ID.setInt(s, ioasId);
        USER_VA.setLong(s, userVa);
        LENGTH.setLong(s, length);
        IOVA.setLong(s, iova);
        return s;
    }

    /**
     * {@return the IOVA the mapping was placed at}
     *
     * @param s the request after the ioctl
     */
    public static long iova(MemorySegment s) {
        return IOVA.getLong(s);
    }
}
