package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Optional;

/**
 * Turns the located YAML tree into an {@link Inventory}, reporting every problem on the way. The
 * result is only returned when there were none: nothing partial leaves this class.
 */
final class InventoryBinder {
    private InventoryBinder() {}

    static Optional<Inventory> bind(Node root, Problems problems) {
        Binding b = Binding.of(problems);
        Values v = b.values();
        Optional<Inventory> inventory = b.mapping(root, "an inventory", "start the file with version: 1 and lab: NAME, see docs/inventory.md", f -> {
            Optional<Integer> version = f.required("version", "version: " + Inventory.FORMAT_VERSION)
                    .flatMap(x -> v.integer(x, 1, 1_000_000).filter(n -> {
                        if (n == Inventory.FORMAT_VERSION) {
                            return true;
                        }
                        problems.add(x, "inventory format version " + n + " is not supported; this rig reads version " + Inventory.FORMAT_VERSION,
                                "write version: " + Inventory.FORMAT_VERSION + " and check docs/inventory.md, or use the rig release that wrote this file");
                        return false;
                    })).map(Long::intValue);
            Optional<String> lab = f.required("lab", "lab: example-lab").flatMap(x -> v.name(x, "lab name"));
            List<Host> hosts = f.optional("hosts").map(x -> HostsSection.read(x, b)).orElse(List.of());
            List<VirtualHost> vms = f.optional("virtual-hosts").map(x -> VirtualHostsSection.read(x, b)).orElse(List.of());
            List<SimulatedDevice> sims = f.optional("simulated").map(x -> SimulatedSection.read(x, b)).orElse(List.of());
            List<Suite> suites = f.optional("suites").map(x -> SuitesSection.read(x, b)).orElse(List.of());
            Optional<Node> scheduleNode = f.optional("schedule");
            Optional<Schedule> schedule = scheduleNode.flatMap(x -> ScheduleSection.read(x, b));
            List<Baseline> baselines = f.optional("baselines").map(x -> PolicySection.baselines(x, b)).orElse(List.of());
            Optional<Thresholds> thresholds = f.optional("thresholds").map(x -> PolicySection.thresholds(x, b)).orElse(Optional.of(Thresholds.DEFAULT));
            Optional<Retention> retention = f.optional("retention").map(x -> PolicySection.retention(x, b)).orElse(Optional.of(Retention.DEFAULT));
            if (hosts.isEmpty() && vms.isEmpty() && sims.isEmpty() && problems.isEmpty()) {
                problems.add(root, "the lab has no devices to test",
                        "add hosts:, virtual-hosts: or simulated: (the smallest lab is simulated: [{device: sim}])");
            }
            if (version.isEmpty() || lab.isEmpty() || thresholds.isEmpty() || retention.isEmpty()
                    || scheduleNode.isPresent() && schedule.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Inventory(version.get(), lab.get(), hosts, vms, sims, suites, schedule, baselines,
                    thresholds.get(), retention.get()));
        });
        b.names().check();
        return problems.isEmpty() ? inventory : Optional.empty();
    }
}
