package io.vfiorig.controller.metrics;

import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus file-based service discovery for the agents ({@code file_sd_configs}): one target
 * group per inventory host, {@code ADDRESS:PORT} of its {@code rig agent --metrics} with the label
 * {@code host} = the host's inventory name (the same value the controller's metrics use), so
 * dashboards join the two.
 */
public final class ScrapeTargets {
    /** What {@code rig agent --metrics} listens on unless told otherwise. */
    public static final int DEFAULT_AGENT_PORT = 9465;

    private ScrapeTargets() {}

    /**
     * @return the target groups, in inventory order, ready for Jackson
     * @throws IllegalArgumentException when the inventory has no hosts or the port is not a TCP port
     */
    public static List<Map<String, Object>> of(Inventory inventory, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a TCP port: give 1..65535 (rig agent --metrics uses "
                    + DEFAULT_AGENT_PORT + ")");
        }
        if (inventory.hosts().isEmpty()) {
            throw new IllegalArgumentException("the inventory declares no hosts, so there is no agent to scrape: add hosts[]"
                    + " with name and address (docs/inventory.md)");
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Host h : inventory.hosts()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("targets", List.of(hostPort(h.address(), port)));
            g.put("labels", Map.of("host", h.name()));
            groups.add(g);
        }
        return groups;
    }

    /** {@code host:port}, with an IPv6 literal in brackets as Prometheus wants it. */
    static String hostPort(String address, int port) {
        return (address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address) + ":" + port;
    }
}
