package io.vfiorig.cli;

import io.vfiorig.controller.inventory.Host;
import io.vfiorig.controller.inventory.HostDevice;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryException;
import io.vfiorig.controller.inventory.InventoryLoader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The inventory's devices of one host, as the binder's allow-list: BDF → the vendor:device it must report. */
final class InventoryDevices {
    private InventoryDevices() {}

    /**
     * @param host the host's inventory name; null = this machine's host name
     * @throws IllegalArgumentException when the file is invalid or names no such host (with the fix)
     */
    static Map<String, String> of(Path file, String host) {
        Inventory inv;
        try {
            inv = InventoryLoader.load(file);
        } catch (InventoryException e) {
            throw new IllegalArgumentException("inventory " + file + " is not valid (run rig inventory check " + file + "): "
                    + e.getMessage());
        }
        String name = host != null ? host : localName();
        Host h = inv.host(name).or(() -> inv.host(name.split("\\.")[0])).orElseThrow(() -> new IllegalArgumentException(
                "inventory " + file + " has no host '" + name + "'; pass --host NAME (hosts: "
                        + inv.hosts().stream().map(Host::name).collect(Collectors.joining(", ")) + ")"));
        Map<String, String> out = new LinkedHashMap<>();
        for (HostDevice d : h.devices()) {
            out.put(d.bdf().toString(), d.expect().toString());
        }
        return out;
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
