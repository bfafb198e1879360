package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * {@code vfio_region_info} for VFIO_DEVICE_GET_REGION_INFO.
 *
 * <p>With a too-small buffer the kernel sets FLAG_CAPS, raises argsz and returns 0: check
 * {@link #needsLargerBuffer(MemorySegment)} and call again with {@code allocate(arena, index, argsz)}.
 */
public final class RegionInfo {
    /** The struct layout (32 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_REGION_INFO;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field INDEX = Field.of(LAYOUT, "index");
    private static final Field CAP_OFFSET = Field.of(LAYOUT, "cap_offset");
    private static final Field SIZE = Field.of(LAYOUT, "size");
    private static final Field OFFSET = Field.of(LAYOUT, "offset");

    private RegionInfo() {
    }

    /**
     * {@return a zeroed struct with argsz = 32 and index set}
     *
     * @param arena owner of the buffer
     * @param index region index, e.g. {@link VfioConst#VFIO_PCI_BAR0_REGION_INDEX}
     */
    public static MemorySegment allocate(Arena arena, int index) {
        return allocate(arena, index, LAYOUT.byteSize());
    }

    /**
     * {@return a zeroed buffer with argsz and index set}
     *
     * @param arena owner of the buffer
     * @param index region index
     * @param argsz buffer size, larger to receive capabilities
     */
    public static MemorySegment allocate(Arena arena, int index, long argsz) {
        if (argsz < LAYOUT.byteSize()) {
            throw new IllegalArgumentException("argsz " + argsz + " < " + LAYOUT.byteSize());
        }
        MemorySegment s = Buffers.zeroed(arena, argsz);
        ARGSZ.setInt(s, (int) argsz);
        INDEX.setInt(s, index);
        return s;
    }

    /**
     * {@return argsz}
     *
     * @param s the struct
     */
    public static int argsz(MemorySegment s) {
        return ARGSZ.getInt(s);
    }

    /**
     * {@return flags ({@code VFIO_REGION_INFO_FLAG_*})}
     *
     * @param s the struct
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return region index}
     *
     * @param s the struct
     */
    public static int index(MemorySegment s) {
        return INDEX.getInt(s);
    }

    /**
     * {@return offset of the first capability from the buffer start}
     *
     * @param s the struct
     */
    public static int capOffset(MemorySegment s) {
        return CAP_OFFSET.getInt(s);
    }

    /**
     * {@return region size in bytes (0 = unimplemented BAR)}
     *
     * @param s the struct
     */
    public static long size(MemorySegment s) {
        return SIZE.getLong(s);
    }

    /**
     * {@return the device-fd offset to pread/pwrite/mmap the region at}
     *
     * @param s the struct
     */
    public static long offset(MemorySegment s) {
        return OFFSET.getLong(s);
    }

    /**
     * {@return whether it is set}
     *
     * @param s the struct
     * @param flag a {@code VFIO_REGION_INFO_FLAG_*} bit
     */
    public static boolean hasFlag(MemorySegment s, int flag) {
        return (flags(s) & flag) == flag;
    }

    /**
     * {@return whether the kernel asked for a larger buffer (argsz &gt; byteSize)}
     *
     * @param s the buffer
     */
    public static boolean needsLargerBuffer(MemorySegment s) {
        return Integer.toUnsignedLong(argsz(s)) > s.byteSize();
    }

    /**
     * {@return its capabilities (empty without FLAG_CAPS or when they did not fit)}
     *
     * @param s the buffer
     */
    public static List<Capability> capabilities(MemorySegment s) {
        if (!hasFlag(s, VfioConst.VFIO_REGION_INFO_FLAG_CAPS) || needsLargerBuffer(s)) {
            return List.of();
        }
        return CapabilityChain.walk(s, capOffset(s));
    }
}
