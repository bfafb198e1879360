package io.vfiorig.controller.compare;

/**
 * One metric of one test, baseline against candidate.
 *
 * @param metric    what was compared: {@code fault_latency p99}, {@code fault-count}, ...
 * @param threshold the {@code thresholds:} entry that judged it ({@code p99}, {@code default}, ...)
 * @param relativeShiftAllowed the threshold's relative shift
 * @param shift     the shift with its interval, or {@code null} when there was nothing to compare
 * @param verdict   good / weak / bad / skip
 * @param note      why, in a few words
 */
public record MetricComparison(String metric, String threshold, double relativeShiftAllowed, Shift shift,
        Verdict verdict, String note) {

    /** @return whether a fall is the worsening (faults per second: throughput), not a rise */
    public boolean lowerIsWorse() {
        return metric.equals(FaultCounts.RATE);
    }
}
