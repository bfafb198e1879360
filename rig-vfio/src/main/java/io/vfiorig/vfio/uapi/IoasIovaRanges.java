package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iommu_ioas_iova_ranges} for IOMMU_IOAS_IOVA_RANGES. The range array lives in the same buffer,
 * right after the struct. With too few slots the ioctl fails with EMSGSIZE and stores the needed
 * num_iovas: allocate again with {@link #numIovas}.
 */
public final class IoasIovaRanges {
    /** The struct layout (32 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.IOMMU_IOAS_IOVA_RANGES;
    private static final StructLayout RANGE = VfioLayouts.IOMMU_IOVA_RANGE;
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field IOAS_ID = Field.of(LAYOUT, "ioas_id");
    private static final Field NUM_IOVAS = Field.of(LAYOUT, "num_iovas");
    private static final Field ALLOWED_IOVAS = Field.of(LAYOUT, "allowed_iovas");
    private static final Field OUT_IOVA_ALIGNMENT = Field.of(LAYOUT, "out_iova_alignment");
    private static final Field START = Field.of(RANGE, "start");
    private static final Field LAST = Field.of(RANGE, "last");

    private IoasIovaRanges() {
    }

    /**
     * {@return the request; allowed_iovas points just past the struct}
     *
     * @param arena    owner of the buffer
     * @param ioasId   the IOAS to query
     * @param capacity slots for ranges
     */
    public static MemorySegment allocate(Arena arena, int ioasId, int capacity) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize() + RANGE.byteSize() * capacity);
        SIZE.setInt(s, (int) LAYOUT.byteSize());
        IOAS_ID.setInt(s, ioasId);
        NUM_IOVAS.setInt(s, capacity);
        ALLOWED_IOVAS.setLong(s, s.address() + LAYOUT.byteSize());
        return s;
    }

    /**
     * {@return the total number of ranges (also after EMSGSIZE)}
     *
     * @param s the request after the ioctl
     */
    public static int numIovas(MemorySegment s) {
        return NUM_IOVAS.getInt(s);
    }

    /**
     * {@return minimum IOVA alignment for IOAS_MAP}
     *
     * @param s the request after the ioctl
     */
    public static long outIovaAlignment(MemorySegment s) {
        return OUT_IOVA_ALIGNMENT.getLong(s);
    }

    /**
     * {@return the ranges that fit in the buffer}
     *
     * @param s the request after a successful ioctl
     */
    public static List<IovaRange> ranges(MemorySegment s) {
        long capacity = (s.byteSize() - LAYOUT.byteSize()) / RANGE.byteSize();
        int n = (int) Math.min(Integer.toUnsignedLong(numIovas(s)), capacity);
        List<IovaRange> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MemorySegment r = s.asSlice(LAYOUT.byteSize() + RANGE.byteSize() * i, RANGE.byteSize());
            out.add(new IovaRange(START.getLong(r), LAST.getLong(r)));
        }
        return out;
    }
}
