package io.vfiorig.controller.inventory;

import java.util.List;

/**
 * A lab machine that runs {@code rig agent}.
 *
 * @param name          unique host name, used in targets ({@code host:NAME}) and reports
 * @param address       DNS name or IP address of the machine
 * @param agentIdentity the CN of the agent's client certificate (written {@code CN=lab-host-01} in the file, held
 *                      here as {@code lab-host-01}); the controller admits an agent only as this host
 * @param devices       the PCI devices the rig may take over on this host
 */
public record Host(String name, String address, String agentIdentity, List<HostDevice> devices) {
    public Host {
        devices = List.copyOf(devices);
    }
}
