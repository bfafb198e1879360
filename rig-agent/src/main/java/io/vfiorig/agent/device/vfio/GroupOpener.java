package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.uapi.GroupStatus;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a device through the group/container API: container → group (must be viable) →
 * SET_CONTAINER → SET_IOMMU(type1v2, or no-IOMMU) → GROUP_GET_DEVICE_FD.
 */
final class GroupOpener {
    private GroupOpener() {}

    /** Loud on purpose: the device can DMA anywhere in host memory. */
    static void warnNoIommu(String bdf, Path node) {
        System.err.println("WARNING: vfio " + bdf + " opened through " + node + ": no-IOMMU mode,"
                + " the device's DMA is not isolated and the kernel is tainted. Use a host with an IOMMU"
                + " for anything but a throw-away test machine.");
    }

    static VfioHandle open(PciDevice pci, VfioNodes nodes, PciSysfs sysfs, FdHolders holders, String release) {
        String bdf = pci.bdf();
        int group = pci.iommuGroup();
        Path groupNode = nodes.groupNode(group).orElseThrow(() -> VfioErrors.noNode(bdf, VfioApi.GROUP, release,
                group < 0 ? "the device has no IOMMU group (no IOMMU, and no-IOMMU mode is off)"
                        : "no /dev/vfio/" + group + " or /dev/vfio/noiommu-" + group));
        boolean noiommu = VfioNodes.isNoiommu(groupNode);
        VfioApi api = noiommu ? VfioApi.NOIOMMU : VfioApi.GROUP;
        if (noiommu) {
            warnNoIommu(bdf, groupNode);
        }
        List<Path> busyNodes = new ArrayList<>(List.of(groupNode));
        nodes.cdevNode(bdf).ifPresent(busyNodes::add);
        OpenSteps s = new OpenSteps(bdf, api, busyNodes, holders);
        int container = s.open(nodes.container(), "open the container " + nodes.container());
        int version = s.call("VFIO_GET_API_VERSION", nodes.container().toString(),
                () -> Libc.ioctl(container, VfioIoctl.VFIO_GET_API_VERSION));
        if (version != VfioConst.VFIO_API_VERSION) {
            throw s.fail(new VfioOpenException("vfio " + bdf + ": VFIO_GET_API_VERSION returned " + version
                    + ", expected " + VfioConst.VFIO_API_VERSION + "; this rig does not know that VFIO"));
        }
        int iommuType = noiommu ? VfioConst.VFIO_NOIOMMU_IOMMU : VfioConst.VFIO_TYPE1v2_IOMMU;
        int has = s.call("VFIO_CHECK_EXTENSION", nodes.container().toString(),
                () -> Libc.ioctl(container, VfioIoctl.VFIO_CHECK_EXTENSION, (long) iommuType));
        if (has <= 0) {
            throw s.fail(new VfioOpenException("vfio " + bdf + " (" + api.id() + "): the container does not offer IOMMU"
                    + " type " + iommuType + (noiommu ? " (no-IOMMU)" : " (type1v2)") + "; fix: a kernel with "
                    + (noiommu ? "CONFIG_VFIO_NOIOMMU" : "CONFIG_VFIO_IOMMU_TYPE1")));
        }
        int groupFd = s.open(groupNode, "open the group node " + groupNode);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = GroupStatus.allocate(arena);
            s.call("VFIO_GROUP_GET_STATUS", groupNode.toString(),
                    () -> Libc.ioctl(groupFd, VfioIoctl.VFIO_GROUP_GET_STATUS, status));
            if (!GroupStatus.isViable(status)) {
                throw s.fail(VfioErrors.groupNotViable(bdf, group, sysfs.iommuGroupMembers(group),
                        m -> sysfs.find(m).map(PciDevice::driver).orElse("")));
            }
            MemorySegment containerArg = arena.allocateFrom(ValueLayout.JAVA_INT, container);
            s.call("VFIO_GROUP_SET_CONTAINER", groupNode.toString(),
                    () -> Libc.ioctl(groupFd, VfioIoctl.VFIO_GROUP_SET_CONTAINER, containerArg));
            s.call("VFIO_SET_IOMMU", nodes.container().toString(),
                    () -> Libc.ioctl(container, VfioIoctl.VFIO_SET_IOMMU, (long) iommuType));
            MemorySegment name = arena.allocateFrom(bdf);
            int deviceFd = s.call("VFIO_GROUP_GET_DEVICE_FD", groupNode.toString(),
                    () -> Libc.ioctl(groupFd, VfioIoctl.VFIO_GROUP_GET_DEVICE_FD, name));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("vfio.group", Integer.toString(group));
            facts.put("vfio.group_node", groupNode.toString());
            facts.put("vfio.iommu_type", noiommu ? "noiommu(8)" : "type1v2(3)");
            return new VfioHandle(api, new DeviceFd(deviceFd), List.of(groupFd, container), facts);
        }
    }
}
