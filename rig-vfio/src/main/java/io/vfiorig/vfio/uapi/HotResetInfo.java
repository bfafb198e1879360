package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vfio_pci_hot_reset_info} for VFIO_DEVICE_GET_PCI_HOT_RESET_INFO. With too little room the
 * ioctl fails with ENOSPC and stores the needed count: allocate again with {@link #count}.
 */
public final class HotResetInfo {
    /** The header layout (12 bytes); devices follow. */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_PCI_HOT_RESET_INFO;
    private static final StructLayout DEVICE = VfioLayouts.VFIO_PCI_DEPENDENT_DEVICE;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field COUNT = Field.of(LAYOUT, "count");
    private static final Field ID = Field.of(DEVICE, "id.group_id");
    private static final Field SEGMENT = Field.of(DEVICE, "segment");
    private static final Field BUS = Field.of(DEVICE, "bus");
    private static final Field DEVFN = Field.of(DEVICE, "devfn");

    private HotResetInfo() {
    }

    /**
     * {@return a zeroed buffer with argsz = 12 + 8·capacity}
     *
     * @param arena    owner of the buffer
     * @param capacity room for this many devices
     */
    public static MemorySegment allocate(Arena arena, int capacity) {
        long argsz = LAYOUT.byteSize() + DEVICE.byteSize() * capacity;
        MemorySegment s = Buffers.zeroed(arena, argsz);
        ARGSZ.setInt(s, (int) argsz);
        return s;
    }

    /**
     * {@return flags ({@code VFIO_PCI_HOT_RESET_FLAG_*})}
     *
     * @param s the buffer
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return the number of affected devices (also after ENOSPC)}
     *
     * @param s the buffer
     */
    public static int count(MemorySegment s) {
        return COUNT.getInt(s);
    }

    /**
     * {@return the affected devices that fit in the buffer}
     *
     * @param s the buffer after a successful ioctl
     */
    public static List<PciDependentDevice> devices(MemorySegment s) {
        long capacity = (s.byteSize() - LAYOUT.byteSize()) / DEVICE.byteSize();
        int n = (int) Math.min(Integer.toUnsignedLong(count(s)), capacity);
        List<PciDependentDevice> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MemorySegment d = s.asSlice(LAYOUT.byteSize() + DEVICE.byteSize() * i, DEVICE.byteSize());
            out.add(new PciDependentDevice(ID.getInt(d), SEGMENT.getU16(d), BUS.getU8(d), DEVFN.getU8(d)));
        }
        return out;
    }
}
