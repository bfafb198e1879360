package io.vfiorig.controller.fleet;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vfiorig.controller.inventory.Inventory;
import io.vfiorig.controller.inventory.InventoryException;
import io.vfiorig.controller.inventory.InventoryLoader;
import io.vfiorig.controller.store.ResultStore;
import java.time.Instant;
import java.util.List;

/**
 * A small lab for fleet tests: host {@code lab-host-01} with two devices that share IOMMU group 7
 * and one alone in group 9, plus the local agent's {@code sim}; nightly at 02:00 UTC.
 */
final class FleetLab implements AutoCloseable {
    static final String HOST = "lab-host-01";
    static final String A = "vfio:0000:3b:00.0";
    static final String B = "vfio:0000:3b:00.1";
    static final String C = "vfio:0000:5e:00.0";
    static final String INVENTORY = """
            version: 1
            lab: test-lab
            hosts:
              - name: lab-host-01
                address: 127.0.0.1
                agent-identity: CN=lab-host-01
                devices:
                  - {bdf: "0000:3b:00.0", expect: "8086:0b25", label: dsa-0, suites: [smoke, nightly]}
                  - {bdf: "0000:3b:00.1", expect: "8086:0b25", label: dsa-1, suites: [smoke, nightly]}
                  - {bdf: "0000:5e:00.0", expect: "1234:11e8", label: edu-0, suites: [smoke]}
            simulated:
              - device: sim
                suites: [smoke, nightly]
            schedule:
              nightly:
                cron: "0 2 * * *"
                time-zone: UTC
                suites: [nightly]
                targets: [host:lab-host-01, sim]
            """;

    final String url;
    final ResultStore store;
    final TestClock clock;
    final RecordingChannel channel = new RecordingChannel();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Fleet fleet;

    FleetLab(String url, Instant start, FleetSettings settings) {
        this(url, ResultStore.open(url), new TestClock(start), settings);
    }

    private FleetLab(String url, ResultStore store, TestClock clock, FleetSettings settings) {
        this.url = url;
        this.store = store;
        this.clock = clock;
        this.fleet = new Fleet(inventory(), store, registry, clock, channel, settings);
    }

    /** The same store and clock, a new controller: what a restart looks like. */
    FleetLab restart() {
        return new FleetLab(url, store, clock, FleetSettings.DEFAULTS);
    }

    static Inventory inventory() {
        try {
            return InventoryLoader.parse(INVENTORY, "test-inventory.yaml");
        } catch (InventoryException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static AgentHello hello() {
        return new AgentHello(HOST, "6.13.0-rc1", "0.1.0-SNAPSHOT", List.of(
                new FoundDevice("0000:3b:00.0", "8086:0b25", "7", "vfio-pci"),
                new FoundDevice("0000:3b:00.1", "8086:0b25", "7", "vfio-pci"),
                new FoundDevice("0000:5e:00.0", "1234:11e8", "9", "vfio-pci")));
    }

    static AgentHello localHello() {
        return new AgentHello(FleetPlan.LOCAL_HOST, "6.12.0", "0.1.0-SNAPSHOT", List.of());
    }

    /** Connects the host's agent and passes every health check it is sent, until none is left. */
    void connectHealthy() {
        fleet.agentConnected(hello());
        for (List<RunOrder> batch = channel.drain(); !batch.isEmpty(); batch = channel.drain()) {
            for (RunOrder o : batch) {
                fleet.runStarted(o.host(), o.runId());
                fleet.runFinished(o.host(), o.runId(), new RunOutcome(RunOutcome.Kind.PASSED, ""));
            }
        }
    }

    DeviceView device(String host, String device) {
        return fleet.devices().stream().filter(d -> d.host().equals(host) && d.device().equals(device)).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        fleet.close();
        store.close();
    }
}
