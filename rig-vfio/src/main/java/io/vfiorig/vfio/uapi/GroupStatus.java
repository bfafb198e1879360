package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_group_status} for VFIO_GROUP_GET_STATUS. */
public final class GroupStatus {
    /** The struct layout. */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_GROUP_STATUS;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");

    private GroupStatus() {
    }

    /**
     * {@return a zeroed struct with argsz set}
     *
     * @param arena owner of the buffer
     */
    public static MemorySegment allocate(Arena arena) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
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
     * {@return flags ({@code VFIO_GROUP_FLAGS_*})}
     *
     * @param s the struct
     */
    public static int flags(MemorySegment s) {
        return FLAGS.getInt(s);
    }

    /**
     * {@return whether every device of the group is bound to a vfio driver}
     *
     * @param s the struct
     */
    public static boolean isViable(MemorySegment s) {
        return (flags(s) & VfioConst.VFIO_GROUP_FLAGS_VIABLE) != 0;
    }

    /**
     * {@return whether the group is attached to a container}
     *
     * @param s the struct
     */
    public static boolean isContainerSet(MemorySegment s) {
        return (flags(s) & VfioConst.VFIO_GROUP_FLAGS_CONTAINER_SET) != 0;
    }
}
