package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_irq_info} for VFIO_DEVICE_GET_IRQ_INFO. */
public final class IrqInfo {
    /** The struct layout (16 bytes). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_IRQ_INFO;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field INDEX = Field.of(LAYOUT, "index");
    private static final Field COUNT = Field.of(LAYOUT, "count");

    private IrqInfo() {
    }

    /**
     * {@return a zeroed struct with argsz and index set}
     *
     * @param arena owner of the buffer
     * @param index IRQ index, e.g. {@link VfioConst#VFIO_PCI_MSIX_IRQ_INDEX}
     */
    public static MemorySegment allocate(Arena arena, int index) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
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
     * {@return flags ({@code VFIO_IRQ_INFO_*})}
     *
     * @param s the struct
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return the IRQ index}
     *
     * @param s the struct
     */
    public static int index(MemorySegment s) {
        return INDEX.getInt(s);
    }

    /**
     * {@return the number of vectors (0 = not implemented)}
     *
     * @param s the struct
     */
    public static int count(MemorySegment s) {
        return COUNT.getInt(s);
    }
}
