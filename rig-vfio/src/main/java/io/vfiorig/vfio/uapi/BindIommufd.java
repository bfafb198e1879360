package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code vfio_device_bind_iommufd} for VFIO_DEVICE_BIND_IOMMUFD (cdev). */
public final class BindIommufd {
    /** The full layout (24 bytes, with token_uuid_ptr). */
    public static final StructLayout LAYOUT = VfioLayouts.VFIO_DEVICE_BIND_IOMMUFD;
    private static final Field ARGSZ = Field.of(LAYOUT, "argsz");
    private static final Field FLAGS = Field.of(LAYOUT, "flags");
    private static final Field IOMMUFD = Field.of(LAYOUT, "iommufd");
    private static final Field OUT_DEVID = Field.of(LAYOUT, "out_devid");
    private static final Field TOKEN_UUID_PTR = Field.of(LAYOUT, "token_uuid_ptr");
    private static final long UUID_SIZE = 16;

    private BindIommufd() {
    }

    /**
     * Without a token. argsz is 16, the size every cdev kernel (6.6+) accepts; the token field is newer.
     *
     * @param arena   owner of the buffer
     * @param iommufd an open /dev/iommu fd
     * @return the request
     */
    public static MemorySegment allocate(Arena arena, int iommufd) {
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, VfioConst.VFIO_DEVICE_BIND_IOMMUFD_MIN_ARGSZ);
        IOMMUFD.setInt(s, iommufd);
        return s;
    }

    /**
     * With a VF token (the same UUID as the PF's VFIO_DEVICE_FEATURE_PCI_VF_TOKEN).
     *
     * @param arena   owner of the buffer
     * @param iommufd an open /dev/iommu fd
     * @param uuid    16 native bytes that stay alive for the ioctl
     * @return the request with argsz 24 and FLAG_TOKEN
     */
    public static MemorySegment allocateWithToken(Arena arena, int iommufd, MemorySegment uuid) {
        if (uuid.byteSize() != UUID_SIZE) {
            throw new IllegalArgumentException("VF token must be 16 bytes, got " + uuid.byteSize());
        }
        MemorySegment s = Buffers.zeroed(arena, LAYOUT.byteSize());
        ARGSZ.setInt(s, (int) LAYOUT.byteSize());
        FLAGS.setInt(s, VfioConst.VFIO_DEVICE_BIND_FLAG_TOKEN);
        IOMMUFD.setInt(s, iommufd);
        TOKEN_UUID_PTR.setLong(s, uuid.address());
        return s;
    }

    /**
     * {@return the device id the bind produced (for iommufd calls and hot reset)}
     *
     * @param s the request after the ioctl
     */
    public static int outDevid(MemorySegment s) {
        return OUT_DEVID.getInt(s);
    }
}
