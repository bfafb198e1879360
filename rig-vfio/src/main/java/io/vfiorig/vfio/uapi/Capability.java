package io.vfiorig.vfio.uapi;

import java.lang.foreign.MemorySegment;

/**
 * One {@code vfio_info_cap_header} found in an info buffer.
 *
 * @param id      capability id, e.g. {@link VfioConst#VFIO_REGION_INFO_CAP_SPARSE_MMAP}
 * @param version capability-specific version
 * @param offset  where the header starts, from the start of the info buffer
 * @param next    offset of the next header, 0 at the end of the chain
 */
public record Capability(int id, int version, int offset, int next) {

    /**
     * {@return the bytes from this header to the end of the buffer}
     *
     * @param info the info buffer the chain was read from
     */
    public MemorySegment slice(MemorySegment info) {
        return info.asSlice(offset);
    }
}
