package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Allocation rule shared by the accessors: zeroed (reserved fields must be 0) and 8-byte aligned. */
final class Buffers {
    private Buffers() {
    }

    static MemorySegment zeroed(Arena arena, long bytes) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("struct size out of range for a u32 argsz: " + bytes);
        }
        return arena.allocate(bytes, 8); // Arena.allocate zero-fills
    }
}
