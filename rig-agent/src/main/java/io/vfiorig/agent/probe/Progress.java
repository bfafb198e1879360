package io.vfiorig.agent.probe;

import io.vfiorig.agent.engine.LiveStats;

/** A snapshot of the live counters, sent by the probe a few times a second. */
public record Progress(String phase, long faults, long accesses, long sigbus, long revokes, long violations,
        long nanos) {
    public static Progress of(LiveStats s) {
        return new Progress(s.phase(), s.faults.get(), s.accesses.get(), s.sigbus.get(), s.revokes.get(),
                s.violations.get(), System.nanoTime());
    }
}
