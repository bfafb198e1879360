package io.vfiorig.vfio.uapi;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One struct field: a VarHandle plus its offset. Accessors take the segment that starts at the struct.
 * Package-private: the typed accessor classes expose named getters instead.
 */
final class Field {
    private final VarHandle handle;
    private final long offset;

    private Field(VarHandle handle, long offset) {
        this.handle = handle;
        this.offset = offset;
    }

    /**
     * The field at {@code path} in {@code struct}.
     *
     * @param path field name, dotted for nested members, e.g. {@code "header.id"}
     */
    static Field of(StructLayout struct, String path) {
        PathElement[] p = Arrays.stream(path.split("\\."))
                .map(PathElement::groupElement).toArray(PathElement[]::new);
        return new Field(struct.varHandle(p), struct.byteOffset(p));
    }

    long offset() {
        return offset;
    }

    int getInt(MemorySegment s) {
        return (int) handle.get(s, 0L);
    }

    long getLong(MemorySegment s) {
        return (long) handle.get(s, 0L);
    }

    int getU16(MemorySegment s) {
        return Short.toUnsignedInt((short) handle.get(s, 0L));
    }

    int getU8(MemorySegment s) {
        return Byte.toUnsignedInt((byte) handle.get(s, 0L));
    }

    void setInt(MemorySegment s, int value) {
        handle.set(s, 0L, value);
    }

    void setLong(MemorySegment s, long value) {
        handle.set(s, 0L, value);
    }
}
