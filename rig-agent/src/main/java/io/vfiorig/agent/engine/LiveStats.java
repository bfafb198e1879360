package io.vfiorig.agent.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the progress line and live metrics read while a test runs. One instance per JVM: a
 * probe runs one test at a time.
 */
public final class LiveStats {
    public static final LiveStats GLOBAL = new LiveStats();

    public final AtomicLong faults = new AtomicLong();
    public final AtomicLong accesses = new AtomicLong();
    public final AtomicLong sigbus = new AtomicLong();
    public final AtomicLong revokes = new AtomicLong();
    public final AtomicLong violations = new AtomicLong();
    private volatile String phase = "idle";

    public String phase() {
        return phase;
    }

    public void phase(String name) {
        phase = name;
    }
}
