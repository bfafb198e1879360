package io.vfiorig.controller.inventory;

import java.util.List;
import java.util.Map;

/**
 * Comparison thresholds: one default and overrides per metric.
 *
 * @param defaults  for every metric without its own entry
 * @param perMetric overrides, keyed by a name from {@link #METRICS}
 */
public record Thresholds(Threshold defaults, Map<String, Threshold> perMetric) {
    /** The metrics a comparison reports (fault latency percentiles, revoke/restore latencies, fault counts). */
    public static final List<String> METRICS =
            List.of("p50", "p99", "p99.9", "max", "revoke-to-sigbus", "restore-to-success", "fault-count");

    /** {@link Threshold#DEFAULT} for every metric. */
    public static final Thresholds DEFAULT = new Thresholds(Threshold.DEFAULT, Map.of());

    public Thresholds {
        perMetric = Map.copyOf(perMetric);
    }

    /** The threshold that applies to {@code metric}. */
    public Threshold forMetric(String metric) {
        return perMetric.getOrDefault(metric, defaults);
    }
}
