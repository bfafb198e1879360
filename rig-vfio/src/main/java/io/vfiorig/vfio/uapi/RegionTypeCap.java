package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;

/** Reads {@code vfio_region_info_cap_type}: the type/subtype of a device-specific region (index 9+). */
public final class RegionTypeCap {
    private static final long TYPE = VfioLayouts.VFIO_REGION_INFO_CAP_TYPE.byteOffset(
            PathElement.groupElement("type"));
    private static final long SUBTYPE = VfioLayouts.VFIO_REGION_INFO_CAP_TYPE.byteOffset(
            PathElement.groupElement("subtype"));
    private static final long SIZE = VfioLayouts.VFIO_REGION_INFO_CAP_TYPE.byteSize();

    private RegionTypeCap() {
    }

    /**
     * {@return the region type}
     *
     * @param info the region info buffer
     * @param cap  a capability with id {@link VfioConst#VFIO_REGION_INFO_CAP_TYPE}
     */
    public static int type(MemorySegment info, Capability cap) {
        return info.get(JAVA_INT_UNALIGNED, checked(info, cap) + TYPE);
    }

    /**
     * {@return the region subtype}
     *
     * @param info the region info buffer
     * @param cap  a capability with id {@link VfioConst#VFIO_REGION_INFO_CAP_TYPE}
     */
    public static int subtype(MemorySegment info, Capability cap) {
        return info.get(JAVA_INT_UNALIGNED, checked(info, cap) + SUBTYPE);
    }

    private static long checked(MemorySegment info, Capability cap) {
        if (cap.id() != VfioConst.VFIO_REGION_INFO_CAP_TYPE) {
            throw new IllegalArgumentException("not a TYPE capability: " + cap);
        }
        if (cap.offset() + SIZE > info.byteSize()) {
            throw new MalformedCapabilityChainException("TYPE capability at " + cap.offset() + " is truncated");
        }
        return cap.offset();
    }
}
