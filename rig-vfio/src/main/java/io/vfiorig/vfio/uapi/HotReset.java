package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_pci_hot_reset} for VFIO_DEVICE_PCI_HOT_RESET. */
public final class HotReset {
    /** The header layout (12 bytes); group fds follow. */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_PCI_HOT_RESET;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field COUNT = Field.of(LAYOUT, "count");

    private HotReset() {
    }

    /**
     * {@return the request with argsz = 12 + 4·n and count = n}
     *
     * @param arena    owner of the buffer
     * @param groupFds proof of ownership for the group API; none for cdev (the kernel checks the iommufd)
     */
    public static MemorySegment allocate(Arena arena, int... groupFds) {
        long argsz = LAYOUT.byteSize() + JAVA_INT.byteSize() * groupFds.length;
        MemorySegment s = Buffers.zeroed(arena, argsz);
        ARGSZ.setInt(s, (int) argsz);
        COUNT.setInt(s, groupFds.length);
        for (int i = 0; i < groupFds.length; i++) {
            s.set(JAVA_INT, LAYOUT.byteSize() + JAVA_INT.byteSize() * i, groupFds[i]);
        }
        return s;
    }
}
