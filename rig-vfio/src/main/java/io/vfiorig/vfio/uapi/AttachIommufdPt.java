package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_device_attach_iommufd_pt} for VFIO_DEVICE_ATTACH_IOMMUFD_PT (cdev). */
public final class AttachIommufdPt {
    /** The layout (16 bytes; older kernels without pasid accept it, flags being 0). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_ATTACH_IOMMUFD_PT;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field PT_ID = Field.of(LAYOUT, "pt_id");

    private AttachIommufdPt() {
    }

    /**
     * {@return the request}
     *
     * @param arena owner of the buffer
     * @param ptId  an IOAS id (from IOMMU_IOAS_ALLOC) or HWPT id
     */
    public static MemorySegment allocate(Arena arena, int ptId) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
        PT_ID.setInt(s, ptId);
        return s;
    }

    /**
     * {@return the attached pt id (the IOAS, or the HWPT the kernel created for it)}
     *
     * @param s the request after the ioctl
     */
    public static int ptId(MemorySegment s) {
        return PT_ID.getInt(s);
    }
}
