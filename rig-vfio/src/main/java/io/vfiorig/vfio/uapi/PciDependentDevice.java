package io.vfiorig.vfio.uapi;

/**
 * One {@code vfio_pci_dependent_device} from VFIO_DEVICE_GET_PCI_HOT_RESET_INFO.
 *
 * @param id      group id, or devid when the info's flags have VFIO_PCI_HOT_RESET_FLAG_DEV_ID (cdev)
 * @param segment PCI segment (domain)
 * @param bus     bus number
 * @param devfn   device and function, {@code slot << 3 | function}
 */
public record PciDependentDevice(int id, int segment, int bus, int devfn) {

    /** {@return the address as sysfs spells it, e.g. {@code "0000:01:00.0"}} */
    public String bdf() {
        return String.format("%04x:%02x:%02x.%x", segment, bus, devfn >>> 3, devfn & 7);
    }
}
