package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.uapi.Capability;
import io.vfiorig.vfio.uapi.DeviceInfo;
import io.vfiorig.vfio.uapi.RegionInfo;
import io.vfiorig.vfio.uapi.SparseMmapCap;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * VFIO_DEVICE_GET_INFO and VFIO_DEVICE_GET_REGION_INFO with their capability chains. When the
 * capabilities do not fit, the kernel raises {@code argsz} and returns success: ask again with
 * that size (never assume the first answer was complete).
 */
final class RegionQuery {
    private RegionQuery() {}

    /**
     * @param flags       {@code VFIO_DEVICE_FLAGS_*}
     * @param numRegions  regions the device has
     * @param numIrqs     IRQ indices
     */
    record Info(int flags, int numRegions, int numIrqs) {
        boolean canReset() {
            return (flags & VfioConst.VFIO_DEVICE_FLAGS_RESET) != 0;
        }
    }

    static Info deviceInfo(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = DeviceInfo.allocate(arena);
            Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_INFO, s);
            if (DeviceInfo.needsLargerBuffer(s)) {
                s = DeviceInfo.allocate(arena, Integer.toUnsignedLong(DeviceInfo.argsz(s)));
                Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_INFO, s);
            }
            return new Info(DeviceInfo.flags(s), DeviceInfo.numRegions(s), DeviceInfo.numIrqs(s));
        }
    }

    static Region region(int fd, int index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = RegionInfo.allocate(arena, index);
            Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_REGION_INFO, s);
            int queries = 1;
            // a kernel that keeps raising argsz would loop forever: three tries are plenty
            while (RegionInfo.needsLargerBuffer(s) && queries < 3) {
                s = RegionInfo.allocate(arena, index, Integer.toUnsignedLong(RegionInfo.argsz(s)));
                Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_REGION_INFO, s);
                queries++;
            }
            List<Integer> ids = new ArrayList<>();
            List<SparseMmapCap.Area> sparse = new ArrayList<>();
            boolean msix = false;
            for (Capability c : RegionInfo.capabilities(s)) {
                ids.add(c.id());
                switch (c.id()) {
                    case VfioConst.VFIO_REGION_INFO_CAP_SPARSE_MMAP -> sparse.addAll(SparseMmapCap.areas(s, c));
                    case VfioConst.VFIO_REGION_INFO_CAP_MSIX_MAPPABLE -> msix = true;
                    default -> { } // TYPE and newer capabilities: listed by id only
                }
            }
            return new Region(index, RegionInfo.flags(s), RegionInfo.size(s), RegionInfo.offset(s), ids, sparse, msix,
                    queries);
        }
    }
}
