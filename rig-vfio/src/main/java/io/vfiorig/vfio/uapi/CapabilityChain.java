package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the capability chain of a VFIO info buffer (region info, device info): headers
 * {@code {u16 id, u16 version, u32 next}} linked by offsets from the buffer start, ended by next == 0.
 *
 * <p>The buffer comes from the kernel, and a rig exists to catch kernels that misbehave, so a loop or an
 * offset outside the buffer is reported as {@link MalformedCapabilityChainException} instead of being
 * followed.
 */
public final class CapabilityChain {
    private static final long HEADER_SIZE = VfioLayouts.VFIO_INFO_CAP_HEADER.byteSize();
    private static final long ID = VfioLayouts.VFIO_INFO_CAP_HEADER.byteOffset(
            PathElement.groupElement("id"));
    private static final long VERSION = VfioLayouts.VFIO_INFO_CAP_HEADER.byteOffset(
            PathElement.groupElement("version"));
    private static final long NEXT = VfioLayouts.VFIO_INFO_CAP_HEADER.byteOffset(
            PathElement.groupElement("next"));

    private CapabilityChain() {
    }

    /**
     * Reads every capability header.
     *
     * @param info        the whole info buffer (its byteSize bounds every offset)
     * @param firstOffset the struct's cap_offset (unsigned); 0 means no capabilities
     * @return the headers in chain order
     * @throws MalformedCapabilityChainException if an offset repeats or a header does not fit the buffer
     */
    public static List<Capability> walk(MemorySegment info, int firstOffset) {
        List<Capability> caps = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long offset = Integer.toUnsignedLong(firstOffset);
        while (offset != 0) {
            if (offset + HEADER_SIZE > info.byteSize()) {
                throw new MalformedCapabilityChainException("capability at offset " + offset
                        + " does not fit the " + info.byteSize() + "-byte info buffer" + after(caps));
            }
            if (!seen.add(offset)) {
                throw new MalformedCapabilityChainException("capability chain loops back to offset " + offset
                        + after(caps));
            }
            int id = Short.toUnsignedInt(info.get(JAVA_SHORT_UNALIGNED, offset + ID));
            int version = Short.toUnsignedInt(info.get(JAVA_SHORT_UNALIGNED, offset + VERSION));
            int next = info.get(JAVA_INT_UNALIGNED, offset + NEXT);
            caps.add(new Capability(id, version, (int) offset, next));
            offset = Integer.toUnsignedLong(next);
        }
        return caps;
    }

    /**
     * The first capability with the given id.
     *
     * @param info        the info buffer
     * @param firstOffset the struct's cap_offset
     * @param id          capability id to look for
     * @return the header, or empty if the chain has none with that id
     * @throws MalformedCapabilityChainException as {@link #walk(MemorySegment, int)}
     */
    public static Optional<Capability> find(MemorySegment info, int firstOffset, int id) {
        return walk(info, firstOffset).stream().filter(c -> c.id() == id).findFirst();
    }

    private static String after(List<Capability> caps) {
        return caps.isEmpty() ? "" : " (after " + caps + ")";
    }
}
