package io.vfiorig.controller.fleet;

/**
 * One PCI device as an agent found it in sysfs.
 *
 * @param bdf          domain:bus:device.function, e.g. {@code 0000:01:00.0}
 * @param vendorDevice {@code vvvv:dddd}
 * @param iommuGroup   the IOMMU group number as a string, empty when the host has none
 * @param driver       the driver bound now, empty when none
 */
public record FoundDevice(String bdf, String vendorDevice, String iommuGroup, String driver) {
}
