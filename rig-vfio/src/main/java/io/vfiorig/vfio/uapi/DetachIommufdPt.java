package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_device_detach_iommufd_pt} for VFIO_DEVICE_DETACH_IOMMUFD_PT (cdev). */
public final class DetachIommufdPt {
    /** The layout (12 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_DETACH_IOMMUFD_PT;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");

    private DetachIommufdPt() {
    }

    /**
     * {@return the request (flags 0: detach the device, not a pasid)}
     *
     * @param arena owner of the buffer
     */
    public static MemorySegment allocate(Arena arena) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
        return s;
    }
}
