package io.vfiorig.controller.store;

import io.vfiorig.agent.result.HistogramSummary;
import io.vfiorig.agent.result.TestStatus;

/**
 * One test's value of one latency metric in one run: a point of nightly history.
 *
 * @param agent         agent that ran it
 * @param runId         run id
 * @param sequence      the test's position in the run
 * @param startedAt     the run's start (ISO-8601)
 * @param kernelRelease kernel under test
 * @param kernelCommit  its commit, or {@code null}
 * @param hostClass     the run's host class, or {@code null}
 * @param status        the test's status (a comparison skips ERROR)
 * @param latency       the full summary, histogram included ({@link HistogramSummary#decode()})
 */
public record MetricPoint(String agent, String runId, long sequence, String startedAt, String kernelRelease,
        String kernelCommit, String hostClass, TestStatus status, HistogramSummary latency) {}
