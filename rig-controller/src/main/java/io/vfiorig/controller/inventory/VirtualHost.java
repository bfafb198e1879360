package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A QEMU guest with emulated PCI devices, booting a chosen kernel with vfio-pci.
 *
 * @param name    unique name, used in targets ({@code vm:NAME})
 * @param kernel  the kernel it boots
 * @param devices its emulated devices, in slot order
 * @param suites  the suites allowed to run on it
 * @param runsOn  the host whose agent boots it; empty for the controller's local agent
 */
public record VirtualHost(String name, KernelSource kernel, List<EmulatedDevice> devices, List<String> suites,
        Optional<String> runsOn) {
    public VirtualHost {
        devices = List.copyOf(devices);
        suites = List.copyOf(suites);
    }
}
