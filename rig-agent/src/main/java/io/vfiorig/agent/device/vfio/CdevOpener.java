package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.uapi.AttachIommufdPt;
import io.vfiorig.vfio.uapi.BindIommufd;
import io.vfiorig.vfio.uapi.IoasAlloc;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a device through the iommufd cdev API: {@code /dev/vfio/devices/vfioN} + {@code /dev/iommu},
 * BIND_IOMMUFD (every other device ioctl fails before it), IOAS_ALLOC, ATTACH_IOMMUFD_PT. A no-IOMMU
 * cdev ({@code noiommu-vfioN}) is bound only: there is no address space to attach.
 */
final class CdevOpener {
    private CdevOpener() {}

    static VfioHandle open(PciDevice pci, VfioNodes nodes, FdHolders holders, String release) {
        String bdf = pci.bdf();
        Path cdev = nodes.cdevNode(bdf).orElseThrow(() -> VfioErrors.noNode(bdf, VfioApi.CDEV, release,
                nodes.cdevName(bdf).map(n -> "no /dev/vfio/devices/" + n).orElse("no vfio-dev entry in sysfs (no cdev)")));
        boolean noiommu = VfioNodes.isNoiommu(cdev);
        VfioApi api = noiommu ? VfioApi.NOIOMMU_CDEV : VfioApi.CDEV;
        if (noiommu) {
            GroupOpener.warnNoIommu(bdf, cdev);
        }
        List<Path> busyNodes = new ArrayList<>(List.of(cdev));
        nodes.groupNode(pci.iommuGroup()).ifPresent(busyNodes::add);
        OpenSteps s = new OpenSteps(bdf, api, busyNodes, holders);
        int deviceFd = s.open(cdev, "open the device node " + cdev);
        int iommufd = s.open(nodes.iommufd(), "open " + nodes.iommufd());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bind = BindIommufd.allocate(arena, iommufd);
            s.call("VFIO_DEVICE_BIND_IOMMUFD", cdev.toString(),
                    () -> Libc.ioctl(deviceFd, VfioIoctl.VFIO_DEVICE_BIND_IOMMUFD, bind));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("vfio.cdev", cdev.toString());
            facts.put("vfio.devid", Integer.toString(BindIommufd.outDevid(bind)));
            if (noiommu) { // no IOMMU, so no I/O address space to attach
                facts.put("vfio.ioas", "none (no IOMMU)");
                return new VfioHandle(api, new DeviceFd(deviceFd), List.of(iommufd), facts);
            }
            MemorySegment alloc = IoasAlloc.allocate(arena);
            s.call("IOMMU_IOAS_ALLOC", nodes.iommufd().toString(),
                    () -> Libc.ioctl(iommufd, VfioIoctl.IOMMU_IOAS_ALLOC, alloc));
            int ioas = IoasAlloc.outIoasId(alloc);
            MemorySegment attach = AttachIommufdPt.allocate(arena, ioas);
            s.call("VFIO_DEVICE_ATTACH_IOMMUFD_PT", cdev.toString(),
                    () -> Libc.ioctl(deviceFd, VfioIoctl.VFIO_DEVICE_ATTACH_IOMMUFD_PT, attach));
            facts.put("vfio.ioas", Integer.toString(ioas));
            facts.put("vfio.pt", Integer.toString(AttachIommufdPt.ptId(attach)));
            return new VfioHandle(api, new DeviceFd(deviceFd), List.of(iommufd), facts);
        }
    }
}
