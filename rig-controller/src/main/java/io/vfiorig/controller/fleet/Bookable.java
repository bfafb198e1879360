package io.vfiorig.controller.fleet;

import java.util.List;

/**
 * A device the fleet can lease and order runs on, as the inventory declares it.
 *
 * @param host         the host whose agent runs it ({@link FleetPlan#LOCAL_HOST} for the controller's own agent)
 * @param device       the spec {@code rig run --device} takes: {@code vfio:0000:3b:00.0}, {@code vm:edu}, {@code sim}
 * @param label        the inventory's name for it (a host device's label, {@code VM/device}, or the sim spec)
 * @param backend      {@code vfio}, {@code vm} or {@code sim}
 * @param deviceModel  what baselines group by: PCI {@code vendor:device} or {@code sim}
 * @param suites       the suites allowed on it
 * @param defaultGroup the lease group until the agent reports the IOMMU group ({@code vm:NAME} for all
 *                     devices of one virtual host: one guest boots at a time)
 * @param kernel       for a virtual host's device, the kernel its guest boots as {@code rig run --kernel}
 *                     takes it ({@code debian:7.3} or a bzImage path); empty otherwise
 */
public record Bookable(String host, String device, String label, String backend, String deviceModel,
        List<String> suites, String defaultGroup, String kernel) {
    public Bookable {
        suites = List.copyOf(suites);
    }

    public boolean allows(String suite) {
        return suites.contains(suite);
    }

    /** The PCI address of a real device, or empty for vm and sim devices. */
    public String bdf() {
        return device.startsWith(FleetPlan.VFIO_PREFIX) ? device.substring(FleetPlan.VFIO_PREFIX.length()) : "";
    }
}
