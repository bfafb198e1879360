package io.vfiorig.controller.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code simulated:}: sim devices, given as {@code rig run --device} specs. */
final class SimulatedSection {
    private SimulatedSection() {}

    static List<SimulatedDevice> read(Node n, Binding b) {
        List<SimulatedDevice> out = new ArrayList<>();
        b.values().list(n, false, "- device: sim").ifPresent(items -> items.forEach(item -> simulated(item, b).ifPresent(out::add)));
        return out;
    }

    private static Optional<SimulatedDevice> simulated(Node item, Binding b) {
        return b.mapping(item, "a simulated device", "write device: sim (and optionally suites:) under the '- '", f -> {
            Optional<Node> deviceNode = f.required("device", "device: sim");
            Optional<String> spec = deviceNode.flatMap(x -> b.values().parsed(x, SimSpecs::validate));
            spec.ifPresent(s -> b.names().declare(Names.Kind.SIMULATED, "", "", s, deviceNode.orElseThrow()));
            b.names().knowModel("sim"); // even when the spec is broken: one typo, one problem
            Optional<Node> suitesNode = f.optional("suites");
            Optional<List<String>> suites = suitesNode.isPresent() ? suitesNode.flatMap(b::suites) : Optional.of(Suite.DEFAULT_ALLOWED);
            spec.ifPresent(s -> b.names().offerTarget(s, suites.orElse(List.of())));
            if (spec.isEmpty() || suites.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SimulatedDevice(spec.get(), suites.get()));
        });
    }
}
