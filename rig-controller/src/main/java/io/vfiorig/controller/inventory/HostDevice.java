package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A real PCI device on a lab host.
 *
 * @param bdf             where it sits
 * @param expect          the vendor:device id it must report before the rig binds it to vfio-pci
 * @param label           lab-wide unique name, used in targets ({@code device:LABEL}) and reports
 * @param suites          the suites allowed to run on it
 * @param iommuGroupNotes free text about its IOMMU group (who else is in it): leases are per group
 */
public record HostDevice(PciAddress bdf, PciId expect, String label, List<String> suites, Optional<String> iommuGroupNotes) {
    public HostDevice {
        suites = List.copyOf(suites);
    }
}
