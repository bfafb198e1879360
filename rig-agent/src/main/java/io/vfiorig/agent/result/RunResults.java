package io.vfiorig.agent.result;

import java.util.List;

/**
 * Everything one {@code rig run} produced: the content of {@code results.json}.
 *
 * <p>{@link #SCHEMA_VERSION} changes whenever a field is added or its meaning changes; readers
 * check it (docs/results-schema.md describes every version).
 */
public record RunResults(int schemaVersion, String runId, String suite, String device, String startedAt,
        String finishedAt, String status, int exitCode, Environment environment, List<TestResult> tests,
        List<InfraError> infrastructureErrors) {
    public static final int SCHEMA_VERSION = 2;
}
