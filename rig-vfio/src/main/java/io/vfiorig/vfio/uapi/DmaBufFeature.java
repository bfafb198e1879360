package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * A complete VFIO_DEVICE_FEATURE buffer for DMA_BUF (11, GET only): the feature header, then
 * {@code vfio_device_feature_dma_buf}, then the ranges. argsz = 8 + 16 + 16·n; the ioctl returns the
 * dma-buf fd.
 */
public final class DmaBufFeature {
    /** The payload layout. */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF;
    private static final long PAYLOAD_HEADER = LAYOUT.byteSize();
    private static final long RANGE_SIZE = VfioLayouts.VFIO_REGION_DMA_RANGE.byteSize();
    private static final Field REGION_INDEX = Field.of(LAYOUT, "region_index");
    private static final Field OPEN_FLAGS = Field.of(LAYOUT, "open_flags");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field NR_RANGES = Field.of(LAYOUT, "nr_ranges");
    private static final Field RANGE_OFFSET = Field.of(VfioLayouts.VFIO_REGION_DMA_RANGE, "offset");
    private static final Field RANGE_LENGTH = Field.of(VfioLayouts.VFIO_REGION_DMA_RANGE, "length");

    private DmaBufFeature() {
    }

    /**
     * {@return argsz of a DMA_BUF request with that many ranges}
     *
     * @param ranges number of ranges
     */
    public static long argsz(int ranges) {
        return DeviceFeature.HEADER_SIZE + PAYLOAD_HEADER + RANGE_SIZE * ranges;
    }

    /**
     * Builds the request. Nothing is validated beyond sizes: the rig also sends bad requests on purpose
     * (nr_ranges 0, unaligned ranges, region index &gt;= 6) to check the kernel's errors.
     *
     * @param arena       owner of the buffer
     * @param regionIndex BAR index (the kernel rejects 6 and up with ENODEV)
     * @param openFlags   flags for the new fd, e.g. O_RDWR | O_CLOEXEC
     * @param ranges      BAR slices
     * @return the full feature buffer with flags = GET | DMA_BUF
     */
    public static MemorySegment request(Arena arena, int regionIndex, int openFlags, List<DmaRange> ranges) {
        MemorySegment s = DeviceFeature.allocate(arena,
                VfioConst.VFIO_DEVICE_FEATURE_GET | VfioConst.VFIO_DEVICE_FEATURE_DMA_BUF,
                PAYLOAD_HEADER + RANGE_SIZE * ranges.size());
        MemorySegment p = DeviceFeature.payload(s);
        REGION_INDEX.setInt(p, regionIndex);
        OPEN_FLAGS.setInt(p, openFlags);
        NR_RANGES.setInt(p, ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            MemorySegment r = p.asSlice(PAYLOAD_HEADER + RANGE_SIZE * i, RANGE_SIZE);
            RANGE_OFFSET.setLong(r, ranges.get(i).offset());
            RANGE_LENGTH.setLong(r, ranges.get(i).length());
        }
        return s;
    }

    /**
     * {@return region_index}
     *
     * @param s a buffer from {@link #request}
     */
    public static int regionIndex(MemorySegment s) {
        return REGION_INDEX.getInt(DeviceFeature.payload(s));
    }

    /**
     * {@return open_flags}
     *
     * @param s a buffer from {@link #request}
     */
    public static int openFlags(MemorySegment s) {
        return OPEN_FLAGS.getInt(DeviceFeature.payload(s));
    }

    /**
     * {@return the payload's flags (must be 0 for the kernel)}
     *
     * @param s a buffer from {@link #request}
     */
    public static int payloadFlags(MemorySegment s) {
        return FLAGS.getInt(DeviceFeature.payload(s));
    }

    /**
     * Sets the payload's flags, which the kernel requires to be 0: for negative tests.
     *
     * @param s     a buffer from {@link #request}
     * @param flags the value to store
     */
    public static void setPayloadFlags(MemorySegment s, int flags) {
        FLAGS.setInt(DeviceFeature.payload(s), flags);
    }

    /**
     * {@return nr_ranges}
     *
     * @param s a buffer from {@link #request}
     */
    public static int nrRanges(MemorySegment s) {
        return NR_RANGES.getInt(DeviceFeature.payload(s));
    }

    /**
     * {@return the i-th range}
     *
     * @param s a buffer from {@link #request}
     * @param i range index
     */
    public static DmaRange range(MemorySegment s, int i) {
        MemorySegment r = DeviceFeature.payload(s).asSlice(PAYLOAD_HEADER + RANGE_SIZE * i, RANGE_SIZE);
        return new DmaRange(RANGE_OFFSET.getLong(r), RANGE_LENGTH.getLong(r));
    }
}
