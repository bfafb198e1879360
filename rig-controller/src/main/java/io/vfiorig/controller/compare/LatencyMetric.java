package io.vfiorig.controller.compare;

import java.util.List;

/**
 * A percentile of one recorded latency distribution, and the {@code thresholds:} entry that judges it.
 *
 * @param histogram  the result's latency metric ({@code fault_latency})
 * @param percentile 0..100; 100 is the maximum
 * @param threshold  the key in {@code thresholds:} ({@code p99}, {@code revoke-to-sigbus})
 */
record LatencyMetric(String histogram, double percentile, String threshold) {
    /** What every comparison looks at: fault latency percentiles, revoke and restore medians. */
    static final List<LatencyMetric> ALL = List.of(
            new LatencyMetric("fault_latency", 50, "p50"),
            new LatencyMetric("fault_latency", 99, "p99"),
            new LatencyMetric("fault_latency", 99.9, "p99.9"),
            new LatencyMetric("fault_latency", 100, "max"),
            // Medians: a test sees a few dozen revokes, too few for a stable tail.
            new LatencyMetric("revoke_to_sigbus", 50, "revoke-to-sigbus"),
            new LatencyMetric("restore_to_success", 50, "restore-to-success"));

    boolean isMax() {
        return percentile >= 100;
    }

    String label() {
        return histogram + " " + (isMax() ? "max" : "p" + (percentile == Math.rint(percentile)
                ? Long.toString((long) percentile) : Double.toString(percentile)));
    }
}
