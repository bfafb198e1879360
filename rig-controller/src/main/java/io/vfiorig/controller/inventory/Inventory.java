package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A lab as {@code inventory.yaml} describes it: only ever built by {@link InventoryLoader} from a
 * file without problems.
 *
 * @param version      the file format version ({@link #FORMAT_VERSION})
 * @param lab          the lab's name
 * @param hosts        machines running {@code rig agent}
 * @param virtualHosts QEMU guests
 * @param simulated    simulated devices
 * @param suites       custom suites (the built-in ones are always there)
 * @param schedule     the nightly schedule, if the lab runs by itself
 * @param baselines    what comparisons use as reference
 * @param thresholds   when a shift is a regression
 * @param retention    how long results are kept
 */
public record Inventory(int version, String lab, List<Host> hosts, List<VirtualHost> virtualHosts,
        List<SimulatedDevice> simulated, List<Suite> suites, Optional<Schedule> schedule, List<Baseline> baselines,
        Thresholds thresholds, Retention retention) {
    /** The format this rig reads and writes. */
    public static final int FORMAT_VERSION = 1;

    public Inventory {
        hosts = List.copyOf(hosts);
        virtualHosts = List.copyOf(virtualHosts);
        simulated = List.copyOf(simulated);
        suites = List.copyOf(suites);
        baselines = List.copyOf(baselines);
    }

    /** Every real device on every host. */
    public List<HostDevice> hostDevices() {
        return hosts.stream().flatMap(h -> h.devices().stream()).toList();
    }

    /** A suite by name, built-in or declared. */
    public Optional<Suite> suite(String name) {
        return Stream.concat(Suite.BUILT_IN.stream().map(Suite::builtIn), suites.stream())
                .filter(s -> s.name().equals(name)).findFirst();
    }

    /** A host by name. */
    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
