package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds {@code hosts:}: lab machines, their agent identity and their PCI devices. */
final class HostsSection {
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** A CN without the RFC 4514 characters that would need escaping, so it compares as written. */
    private static final Pattern IDENTITY = Pattern.compile("CN=[^,+=\"\\\\<>;#\\s][^,+=\"\\\\<>;]{0,63}");

    private HostsSection() {}

    static List<Host> read(Node n, Binding b) {
        List<Host> hosts = new ArrayList<>();
        b.values().list(n, false, "- name: lab-host-01 (one list item per host)")
                .ifPresent(items -> items.forEach(item -> host(item, b).ifPresent(hosts::add)));
        return hosts;
    }

    private static Optional<Host> host(Node item, Binding b) {
        Values v = b.values();
        return b.mapping(item, "a host", "write name:, address:, agent-identity: and devices: under the '- '", f -> {
            Optional<Node> nameNode = f.required("name", "name: lab-host-01");
            Optional<String> name = nameNode.flatMap(x -> v.name(x, "host name"));
            name.ifPresent(s -> b.names().declare(Names.Kind.HOST, "", "", s, nameNode.orElseThrow()));
            Optional<String> address = f.required("address", "address: lab-host-01.example.net").flatMap(x -> v.parsed(x, HostsSection::address));
            Optional<Node> idNode = f.required("agent-identity", "agent-identity: CN=lab-host-01");
            Optional<String> identity = idNode.flatMap(x -> v.parsed(x, HostsSection::identity));
            identity.ifPresent(s -> b.names().declare(Names.Kind.AGENT_IDENTITY, "", "", "CN=" + s, idNode.orElseThrow()));
            String hostName = name.orElse(item.path());
            Optional<List<HostDevice>> devices = f.required("devices", "devices: (a list of - bdf: ... entries)")
                    .flatMap(x -> devices(x, item.path(), hostName, b));
            if (name.isEmpty() || address.isEmpty() || identity.isEmpty() || devices.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Host(name.get(), address.get(), identity.get(), devices.get()));
        });
    }

    private static Optional<List<HostDevice>> devices(Node n, String hostPath, String host, Binding b) {
        b.names().offerTarget("host:" + host, List.of()); // listed before its devices in messages
        return b.values().list(n, true, "- bdf: \"0000:3b:00.0\" (one list item per device)").map(items -> {
            List<HostDevice> out = new ArrayList<>();
            Set<String> suites = new LinkedHashSet<>();
            for (Node item : items) {
                device(item, hostPath, host, b).ifPresent(d -> {
                    out.add(d);
                    suites.addAll(d.suites());
                });
            }
            b.names().offerTarget("host:" + host, suites);
            return out;
        });
    }

    /** @param hostPath scopes the BDF: two hosts with one name (itself a problem) still have their own buses */
    private static Optional<HostDevice> device(Node item, String hostPath, String host, Binding b) {
        Values v = b.values();
        return b.mapping(item, "a device", "write bdf:, expect:, label: and suites: under the '- '", f -> {
            Optional<Node> bdfNode = f.required("bdf", "bdf: \"0000:3b:00.0\"");
            Optional<PciAddress> bdf = bdfNode.flatMap(x -> v.parsed(x, PciAddress::parse));
            bdf.ifPresent(a -> b.names().declare(Names.Kind.BDF, hostPath, " on host " + host, a.toString(), bdfNode.orElseThrow()));
            Optional<PciId> expect = f.required("expect", "expect: \"8086:0b25\"").flatMap(x -> v.parsed(x, PciId::parse));
            expect.ifPresent(id -> b.names().knowModel(id.toString()));
            Optional<Node> labelNode = f.required("label", "label: dsa-0");
            Optional<String> label = labelNode.flatMap(x -> v.name(x, "device label"));
            label.ifPresent(l -> b.names().declare(Names.Kind.LABEL, "", "", l, labelNode.orElseThrow()));
            Optional<List<String>> suites = f.required("suites", "suites: [smoke]").flatMap(b::suites);
            label.ifPresent(l -> b.names().offerTarget("device:" + l, suites.orElse(List.of())));
            Optional<Node> notesNode = f.optional("iommu-group-notes");
            Optional<String> notes = notesNode.flatMap(v::text);
            if (bdf.isEmpty() || expect.isEmpty() || label.isEmpty() || suites.isEmpty() || notesNode.isPresent() && notes.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HostDevice(bdf.get(), expect.get(), label.get(), suites.get(), notes));
        });
    }

    private static String address(String s) {
        if (s.length() > 253 || !ADDRESS.matcher(s).matches()) {
            throw new BadValue("'" + Values.shorten(s) + "' is not a host name or IP address",
                    "write a DNS name or IP address without scheme or port, e.g. lab-host-01.example.net or 192.0.2.10");
        }
        return s;
    }

    /** Stores the CN alone: that is what the controller compares a client certificate with. */
    private static String identity(String s) {
        if (!IDENTITY.matcher(s).matches()) {
            String cn = s.startsWith("CN=") ? "lab-host-01" : s.strip().replaceAll("[,+=\"\\\\<>;#\\s]", "-");
            throw new BadValue("'" + Values.shorten(s) + "' is not a certificate identity",
                    "write the agent certificate's subject CN as CN=NAME, e.g. CN=" + Values.shorten(cn.isEmpty() ? "lab-host-01" : cn)
                            + " (no , + = \" \\ < > ; characters)");
        }
        return s.substring(3);
    }
}
