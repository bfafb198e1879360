package io.vfiorig.vfio.uapi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * VFIO_DEVICE_FEATURE buffers for the DMABUF-mmap series' SET features, with ids taken from a
 * {@link DmaBufSeriesFeatures} so the caller can report which numbering it used.
 */
public final class DmaBufSeriesRequests {
    private static final Field REVOKE_FD = Field.of(VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF_REVOKE, "dmabuf_fd");
    private static final Field MEMATTR_FD = Field.of(VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF_MEMATTR, "dmabuf_fd");
    private static final Field MEMATTR = Field.of(VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF_MEMATTR, "memattr");

    private DmaBufSeriesRequests() {
    }

    /**
     * DMA_BUF_REVOKE: permanently revoke a dma-buf exported from this device. Errors: EBADF/EINVAL (not
     * a dma-buf), ENODEV (another device's buffer), EBADFD (already revoked), ENOTTY (kernel without
     * the series).
     *
     * @param arena    owner of the buffer
     * @param features the series' feature ids for this kernel
     * @param dmabufFd the dma-buf to revoke
     * @return the feature buffer with flags = SET | revoke id
     */
    public static MemorySegment revoke(Arena arena, DmaBufSeriesFeatures features, int dmabufFd) {
        MemorySegment s = DeviceFeature.allocate(arena, VfioConst.VFIO_DEVICE_FEATURE_SET | features.revoke(),
                VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF_REVOKE.byteSize());
        REVOKE_FD.setInt(DeviceFeature.payload(s), dmabufFd);
        return s;
    }

    /**
     * DMA_BUF_MEMATTR: set the memory attribute of a dma-buf's mappings. ENOENT for an unknown value.
     *
     * @param arena    owner of the buffer
     * @param features the series' feature ids for this kernel
     * @param dmabufFd the dma-buf
     * @param memattr  {@link VfioConst#VFIO_DMA_BUF_MEMATTR_NC} or {@link VfioConst#VFIO_DMA_BUF_MEMATTR_WC}
     * @return the feature buffer with flags = SET | memattr id
     */
    public static MemorySegment memattr(Arena arena, DmaBufSeriesFeatures features, int dmabufFd, int memattr) {
        MemorySegment s = DeviceFeature.allocate(arena, VfioConst.VFIO_DEVICE_FEATURE_SET | features.memattr(),
                VfioLayouts.VFIO_DEVICE_FEATURE_DMA_BUF_MEMATTR.byteSize());
        MemorySegment p = DeviceFeature.payload(s);
        MEMATTR_FD.setInt(p, dmabufFd);
        MEMATTR.setInt(p, memattr);
        return s;
    }
}
