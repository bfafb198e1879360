package io.vfiorig.agent.probe;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.TestResult;
import java.util.List;

/**
 * What came back from one probe JVM: every result it reported before it ended, however it ended.
 *
 * @param environment the probe's environment (null if it died before reporting it)
 * @param results     test results in the order they finished
 * @param infraErrors crashes, timeouts, launch failures
 * @param exitCode    the probe process's exit code (-1 if killed by the supervisor)
 */
public record ProbeOutcome(Environment environment, List<TestResult> results, List<InfraError> infraErrors,
        int exitCode) {}
