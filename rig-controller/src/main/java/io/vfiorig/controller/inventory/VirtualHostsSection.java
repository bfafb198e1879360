package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code virtual-hosts:}: QEMU guests, their kernel and emulated devices. */
final class VirtualHostsSection {
    private VirtualHostsSection() {}

    static List<VirtualHost> read(Node n, Binding b) {
        List<VirtualHost> out = new ArrayList<>();
        b.values().list(n, false, "- name: vm-edu (one list item per virtual host)")
                .ifPresent(items -> items.forEach(item -> virtualHost(item, b).ifPresent(out::add)));
        return out;
    }

    private static Optional<VirtualHost> virtualHost(Node item, Binding b) {
        Values v = b.values();
        return b.mapping(item, "a virtual host", "write name:, kernel: and devices: under the '- '", f -> {
            Optional<Node> nameNode = f.required("name", "name: vm-edu");
            Optional<String> name = nameNode.flatMap(x -> v.name(x, "virtual host name"));
            name.ifPresent(s -> b.names().declare(Names.Kind.VIRTUAL_HOST, "", "", s, nameNode.orElseThrow()));
            Optional<KernelSource> kernel = f.required("kernel", "kernel: debian:7.3").flatMap(x -> v.parsed(x, KernelSource::parse));
            Optional<List<EmulatedDevice>> devices = f.required("devices", "devices: [edu]").flatMap(x -> devices(x, b));
            Optional<Node> suitesNode = f.optional("suites");
            Optional<List<String>> suites = suitesNode.isPresent() ? suitesNode.flatMap(b::suites) : Optional.of(Suite.DEFAULT_ALLOWED);
            name.ifPresent(s -> b.names().offerTarget("vm:" + s, suites.orElse(List.of())));
            Optional<Node> runsOnNode = f.optional("runs-on");
            Optional<String> runsOn = runsOnNode.flatMap(x -> v.name(x, "host name"));
            runsOn.ifPresent(h -> b.names().referHost(h, runsOnNode.orElseThrow()));
            if (name.isEmpty() || kernel.isEmpty() || devices.isEmpty() || suites.isEmpty()
                    || runsOnNode.isPresent() && runsOn.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new VirtualHost(name.get(), kernel.get(), devices.get(), suites.get(), runsOn));
        });
    }

    private static Optional<List<EmulatedDevice>> devices(Node n, Binding b) {
        return b.values().list(n, true, "[edu, ivshmem-plain:256M]").flatMap(items -> {
            List<EmulatedDevice> out = new ArrayList<>();
            for (Node item : items) {
                b.values().parsed(item, EmulatedDevice::parse).ifPresent(d -> {
                    b.names().knowModel(d.pciId());
                    out.add(d);
                });
            }
            return out.size() == items.size() ? Optional.of(out) : Optional.empty();
        });
    }
}
