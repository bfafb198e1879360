package io.vfiorig.agent.invariant;

import io.vfiorig.agent.device.DeviceProfile;
import org.HdrHistogram.Histogram;

/** Checks fault latency against the device profile's p99 bound. */
public final class LatencyBound {
    /** Below this many faults a percentile says nothing; the invariant is skipped. */
    private static final long MIN_SAMPLES = 200;

    private LatencyBound() {}

    public static void check(Histogram faultNanos, DeviceProfile profile, InvariantLedger ledger) {
        if (faultNanos.getTotalCount() < MIN_SAMPLES) {
            return;
        }
        long p99us = faultNanos.getValueAtPercentile(99.0) / 1000;
        if (p99us > profile.faultP99BoundUs()) {
            ledger.violate(Invariant.FAULT_LATENCY, Evidence.of("p99 fault latency " + p99us + " us exceeds the "
                    + profile.faultP99BoundUs() + " us bound for " + profile.model() + " (max "
                    + faultNanos.getMaxValue() / 1000 + " us over " + faultNanos.getTotalCount() + " faults)"));
        } else {
            ledger.exercised(Invariant.FAULT_LATENCY, "p99 fault latency " + p99us + " us <= "
                    + profile.faultP99BoundUs() + " us over " + faultNanos.getTotalCount() + " faults");
        }
    }
}
