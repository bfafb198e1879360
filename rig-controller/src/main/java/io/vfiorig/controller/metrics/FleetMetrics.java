package io.vfiorig.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's state as metrics: {@code rig_agents_connected}, {@code rig_devices{state}},
 * {@code rig_leases_active} (gauges) and {@code rig_runs_total{status}} (counter; status is
 * {@code passed}, {@code failed} or {@code infra_error}). Every label value is from a fixed set, so
 * all series exist from the start (a dashboard sees 0, not "no data").
 */
public final class FleetMetrics {
    /** How a run ended: the {@code status} label of {@code rig_runs_total}. */
    public enum RunStatus { PASSED, FAILED, INFRA_ERROR }

    private final AtomicInteger agentsConnected = new AtomicInteger();
    private final AtomicInteger leasesActive = new AtomicInteger();
    private final Map<String, AtomicInteger> devices = new java.util.LinkedHashMap<>();
    private final Map<RunStatus, Counter> runs = new EnumMap<>(RunStatus.class);

    /** @param deviceStates the values of the {@code state} label of {@code rig_devices} */
    public FleetMetrics(MeterRegistry registry, Iterable<String> deviceStates) {
        Gauge.builder("rig.agents.connected", agentsConnected, AtomicInteger::get)
                .description("Agents with an open stream to the controller").register(registry);
        Gauge.builder("rig.leases.active", leasesActive, AtomicInteger::get)
                .description("Leases currently held by runs").register(registry);
        for (String state : deviceStates) {
            AtomicInteger n = new AtomicInteger();
            devices.put(state, n);
            Gauge.builder("rig.devices", n, AtomicInteger::get).tag("state", state)
                    .description("Devices in the inventory by health state").register(registry);
        }
        for (RunStatus s : RunStatus.values()) {
            runs.put(s, Counter.builder("rig.runs").tag("status", s.name().toLowerCase(Locale.ROOT))
                    .description("Runs the controller saw end, by how they ended").register(registry));
        }
    }

    public void agentsConnected(int n) {
        agentsConnected.set(n);
    }

    public void leasesActive(int n) {
        leasesActive.set(n);
    }

    public void devices(String state, int n) {
        AtomicInteger g = devices.get(state);
        if (g == null) {
            throw new IllegalArgumentException("unknown device state " + state + "; known: " + devices.keySet());
        }
        g.set(n);
    }

    public void runEnded(RunStatus status) {
        runs.get(status).increment();
    }
}
