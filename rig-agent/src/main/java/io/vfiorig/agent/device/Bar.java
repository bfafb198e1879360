package io.vfiorig.agent.device;

import java.lang.foreign.MemorySegment;

/**
 * One mapped BAR of a device under test.
 *
 * @param index  BAR number (0..5)
 * @param memory the user-space mapping the hammer touches
 * @param size   mapping length in bytes
 */
public record Bar(int index, MemorySegment memory, long size) {
    public static final long PAGE = 4096;

    public long pages() {
        return size / PAGE;
    }
}
