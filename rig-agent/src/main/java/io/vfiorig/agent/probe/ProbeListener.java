package io.vfiorig.agent.probe;

import io.vfiorig.agent.result.TestResult;

/** Told about a probe's events as they arrive (progress line, streaming to the controller). */
public interface ProbeListener {
    default void testStarted(String test) {}

    default void progress(Progress progress) {}

    default void result(TestResult result) {}
}
