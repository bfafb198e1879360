package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a failed VFIO step into a message an operator can act on: which device and step, the call
 * with its errno (from {@link NativeCallException}), and a fix. Pure, for tests.
 */
public final class VfioErrors {
    private VfioErrors() {}

    /**
     * A failed call during open.
     *
     * @param bdf     the device
     * @param api     the API being used
     * @param step    what was being done, e.g. "open the group node /dev/vfio/12"
     * @param e       the failure (names the call, its arguments and errno)
     * @param node    the device node involved, for permission and busy fixes
     * @param holders processes holding the device's nodes (asked only for EBUSY)
     */
    public static VfioOpenException callFailed(String bdf, VfioApi api, String step, NativeCallException e, String node,
            List<FdHolders.Holder> holders) {
        String fix = fix(e.errno(), api, node, holders);
        return new VfioOpenException("vfio " + bdf + " (" + api.id() + "): cannot " + step + ": "
                + e.withHint(fix).getMessage(), e);
    }

    /** The fix for an errno seen while opening through {@code api}. */
    static String fix(int errno, VfioApi api, String node, List<FdHolders.Holder> holders) {
        return switch (errno) {
            case Errno.EACCES, Errno.EPERM -> api.noIommu()
                    ? "no-IOMMU VFIO needs CAP_SYS_RAWIO: run the rig as root"
                    : "run the rig as root, or give its user read/write access to " + node
                            + " (e.g. a udev rule: SUBSYSTEM==\"vfio\", OWNER=\"rig\")";
            case Errno.EBUSY -> holders.isEmpty()
                    ? "another process holds the device, but none visible here (another user's, or in another"
                            + " PID namespace); close it there or run as root to see who"
                    : "close it in the process that holds it: " + String.join("; ", holders.stream()
                            .map(FdHolders.Holder::toString).toList());
            case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> node + " is gone: the device was unbound from vfio-pci"
                    + " or removed; bind it again (driver_override=vfio-pci, drivers_probe)";
            case Errno.ENOTTY -> "the kernel does not know this request: it is older than the feature or built"
                    + " without it (check its VFIO/IOMMUFD config)";
            case Errno.EINVAL -> "the kernel refused the arguments; its log (dmesg) usually says why";
            default -> "see the kernel log (dmesg) for what vfio-pci reported";
        };
    }

    /** The device is not bound to vfio-pci: nothing in /dev/vfio belongs to it. */
    public static VfioOpenException notBound(PciDevice d) {
        String bdf = d.bdf();
        String now = d.driver().isEmpty() ? "no driver" : "driver " + d.driver();
        return new VfioOpenException("vfio " + bdf + ": the device is bound to " + now + ", not vfio-pci; fix: "
                + "echo vfio-pci > /sys/bus/pci/devices/" + bdf + "/driver_override"
                + (d.driver().isEmpty() ? "" : "; echo " + bdf + " > /sys/bus/pci/devices/" + bdf + "/driver/unbind")
                + "; echo " + bdf + " > /sys/bus/pci/drivers_probe");
    }

    public static VfioOpenException noSuchDevice(String bdf) {
        return new VfioOpenException("vfio " + bdf + ": no such PCI device in /sys/bus/pci/devices;"
                + " fix: check the address with lspci -D or rig devices");
    }

    /**
     * The group is not viable: some member is bound to a host driver. Lists every member with its
     * driver so the operator sees which one.
     *
     * @param driverOf the driver bound to a member ("" = none)
     */
    public static VfioOpenException groupNotViable(String bdf, int group, List<String> members,
            Function<String, String> driverOf) {
        StringBuilder sb = new StringBuilder();
        StringBuilder offenders = new StringBuilder();
        for (String m : members) {
            String drv = driverOf.apply(m);
            sb.append(sb.isEmpty() ? "" : ", ").append(m).append(" (").append(drv.isEmpty() ? "no driver" : drv)
                    .append(')');
            if (!drv.isEmpty() && !drv.equals("vfio-pci")) {
                offenders.append(offenders.isEmpty() ? "" : ", ").append(m);
            }
        }
        return new VfioOpenException("vfio " + bdf + " (group): IOMMU group " + group + " is not viable"
                + " (VFIO_GROUP_GET_STATUS without VIABLE): members " + sb + "; fix: bind every member to vfio-pci"
                + " or unbind it" + (offenders.isEmpty() ? "" : " (" + offenders + ")"));
    }

    /** Neither API has a node for the device. */
    public static VfioOpenException noNode(String bdf, VfioApi api, String release, String detail) {
        String fix = switch (api) {
            case CDEV, NOIOMMU_CDEV -> "use api=group, or a kernel with CONFIG_VFIO_DEVICE_CDEV and CONFIG_IOMMUFD";
            case GROUP, NOIOMMU -> "bind the device to vfio-pci; without an IOMMU the kernel needs"
                    + " vfio.enable_unsafe_noiommu_mode=1";
        };
        return new VfioOpenException("vfio " + bdf + " (" + api.id() + "): " + detail + " on kernel " + release
                + "; fix: " + fix);
    }
}
