package io.vfiorig.controller.regress;

import io.vfiorig.controller.store.MetricPoint;

/**
 * A run in a history: which kernel it tested and when.
 *
 * @param agent         the agent
 * @param runId         the run
 * @param startedAt     when it started
 * @param kernelRelease the kernel's release
 * @param kernelCommit  the kernel's commit, or {@code null}
 * @param value         the metric's value in that run (ns)
 */
public record PointRef(String agent, String runId, String startedAt, String kernelRelease, String kernelCommit, double value) {
    static PointRef of(MetricPoint p, double value) {
        return new PointRef(p.agent(), p.runId(), p.startedAt(), p.kernelRelease(), p.kernelCommit(), value);
    }
}
