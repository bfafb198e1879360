package io.vfiorig.controller.fleet;

import java.util.List;

/**
 * What an agent says first on its stream: who it is, which kernel it runs and which devices it found.
 * The transport builds it from the wire message (after checking the certificate identity); the fleet
 * uses it to reconcile inventory, leases and device health.
 */
public record AgentHello(String host, String kernelRelease, String rigVersion, List<FoundDevice> devices) {
    public AgentHello {
        devices = List.copyOf(devices);
    }
}
