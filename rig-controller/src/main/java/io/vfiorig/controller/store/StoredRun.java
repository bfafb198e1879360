package io.vfiorig.controller.store;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import java.util.List;

/**
 * A run as the store has it.
 *
 * @param agent  the agent that reported it
 * @param runId  the agent's run id
 * @param header what was known at its start
 * @param end    how it ended, or {@code null} while it is still running (or its agent never said)
 */
public record StoredRun(String agent, String runId, RunHeader header, RunEnd end) {
    /** The status of a run that has not finished. */
    public static final String RUNNING = "running";

    /** @return whether {@link ResultStore#finishRun} has been recorded */
    public boolean finished() {
        return end != null;
    }

    /** @return {@link #RUNNING}, or the final status */
    public String status() {
        return end == null ? RUNNING : end.status();
    }

    /**
     * Reassembles the run's {@code results.json} content.
     *
     * @param tests the run's tests, from {@link ResultStore#tests(String, String)}
     * @return the results, equal to what the agent wrote
     * @throws IllegalStateException if the run has not finished
     */
    public RunResults toRunResults(List<TestResult> tests) {
        if (end == null) {
            throw new IllegalStateException("run " + runId + " of agent " + agent + " has not finished");
        }
        return new RunResults(header.resultsSchema(), runId, header.suite(), header.device(), header.startedAt(),
                end.finishedAt(), end.status(), end.exitCode(), header.environment(), tests, end.infraErrors());
    }
}
