package io.vfiorig.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vfiorig.agent.engine.LiveStats;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.Progress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's live hammer metrics, from the probe's {@link LiveStats} snapshots ({@link Progress}
 * events, a few a second): {@code rig_agent_accesses_total}, {@code rig_agent_faults_total},
 * {@code rig_agent_sigbus_total}, {@code rig_agent_revokes_total},
 * {@code rig_agent_violations_total} and {@code rig_agent_probe_running}. No labels: one agent
 * runs one probe at a time, and the per-device story is in the stored results.
 *
 * <p>Each probe JVM counts from zero; a snapshot lower than the last means a new probe, and its
 * whole value is new. So the counters only ever grow, as Prometheus counters must.
 */
public final class HammerMetrics implements ProbeListener {
    private final Tracked accesses;
    private final Tracked faults;
    private final Tracked sigbus;
    private final Tracked revokes;
    private final Tracked violations;
    private final AtomicInteger probeRunning = new AtomicInteger();

    public HammerMetrics(MeterRegistry registry) {
        accesses = new Tracked(registry, "rig.agent.accesses", "Device BAR accesses by hammer threads");
        faults = new Tracked(registry, "rig.agent.faults", "Page faults taken on device BAR mappings");
        sigbus = new Tracked(registry, "rig.agent.sigbus", "SIGBUS taken by hammer threads (revoked mappings)");
        revokes = new Tracked(registry, "rig.agent.revokes", "Revokes done by disruptors");
        violations = new Tracked(registry, "rig.agent.violations", "Invariant violations seen live");
        io.micrometer.core.instrument.Gauge.builder("rig.agent.probe.running", probeRunning, AtomicInteger::get)
                .description("1 while a probe is hammering a device, else 0").register(registry);
    }

    @Override
    public synchronized void progress(Progress p) {
        accesses.observe(p.accesses());
        faults.observe(p.faults());
        sigbus.observe(p.sigbus());
        revokes.observe(p.revokes());
        violations.observe(p.violations());
        probeRunning.set(p.phase().equals("idle") ? 0 : 1);
    }

    /** Reads the counters of this JVM (a hammer running in-process, e.g. the benchmark). */
    public void sample(LiveStats stats) {
        progress(Progress.of(stats));
    }

    /** A probe ended: nothing is hammering until the next one reports. */
    public void probeEnded() {
        probeRunning.set(0);
    }

    private static final class Tracked {
        private final Counter counter;
        private long last;

        Tracked(MeterRegistry registry, String name, String help) {
            counter = Counter.builder(name).description(help).register(registry);
        }

        void observe(long value) {
            long delta = value >= last ? value - last : value; // lower: a new probe counting from 0
            last = value;
            if (delta > 0) {
                counter.increment(delta);
            }
        }
    }
}
