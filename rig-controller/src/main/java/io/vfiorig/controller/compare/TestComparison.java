package io.vfiorig.controller.compare;

import java.util.List;

/**
 * One test, baseline against candidate.
 *
 * @param test       {@code Class.method}
 * @param verdict    the worst of its metrics and invariants; skip on an infrastructure error
 * @param note       why it was skipped, or empty
 * @param metrics    per metric
 * @param invariants per invariant
 */
public record TestComparison(String test, Verdict verdict, String note, List<MetricComparison> metrics,
        List<InvariantChange> invariants) {}
