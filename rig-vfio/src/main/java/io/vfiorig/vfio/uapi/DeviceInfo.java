package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/** {@code vfio_device_info} for VFIO_DEVICE_GET_INFO. */
public final class DeviceInfo {
    /** The struct layout (24 bytes; the kernel accepts any argsz of at least 20). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_INFO;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field NUM_REGIONS = Field.of(LAYOUT, "num_regions");
    private static final Field NUM_IRQS = Field.of(LAYOUT, "num_irqs");
    private static final Field CAP_OFFSET = Field.of(LAYOUT, "cap_offset");

    private DeviceInfo() {
    }

    /**
     * {@return a zeroed struct with argsz = 24}
     *
     * @param arena owner of the buffer
     */
    public static MemorySegment allocate(Arena arena) {
        return allocate(arena, LAYOUT.byteSize());
    }

    /**
     * {@return a zeroed buffer with argsz set}
     *
     * @param arena owner of the buffer
     * @param argsz buffer size, larger to receive capabilities
     */
    public static MemorySegment allocate(Arena arena, long argsz) {
        if (argsz < LAYOUT.byteSize()) {
            throw new IllegalArgumentException("argsz " + argsz + " < " + LAYOUT.byteSize());
        }
        MemorySegment s = Buffers.zeroed(arena, argsz);
        ARGSZ.setInt(s, (int) argsz);
        return s;
    }

    /**
     * {@return argsz (the kernel raises it when capabilities did not fit)}
     *
     * @param s the struct
     */
    public static int argsz(MemorySegment s) {
        return ARGSZ.getInt(s);
    }

    /**
     * {@return flags ({@code VFIO_DEVICE_FLAGS_*})}
     *
     * @param s the struct
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return the number of regions}
     *
     * @param s the struct
     */
    public static int numRegions(MemorySegment s) {
        return NUM_REGIONS.getInt(s);
    }

    /**
     * {@return the number of IRQ indices}
     *
     * @param s the struct
     */
    public static int numIrqs(MemorySegment s) {
        return NUM_IRQS.getInt(s);
    }

    /**
     * {@return offset of the first capability, valid with VFIO_DEVICE_FLAGS_CAPS}
     *
     * @param s the struct
     */
    public static int capOffset(MemorySegment s) {
        return CAP_OFFSET.getInt(s);
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
     * {@return its capabilities (empty without VFIO_DEVICE_FLAGS_CAPS)}
     *
     * @param s the buffer
     */
    public static List<Capability> capabilities(MemorySegment s) {
        if ((flags(s) & VfioConst.VFIO_DEVICE_FLAGS_CAPS) == 0 || needsLargerBuffer(s)) {
            return List.of();
        }
        return CapabilityChain.walk(s, capOffset(s));
    }
}
