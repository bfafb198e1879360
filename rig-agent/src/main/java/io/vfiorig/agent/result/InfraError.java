package io.vfiorig.agent.result;

/**
 * Something that went wrong with the rig or the machine, not a kernel finding: a probe crash, a
 * device that would not open, a boot failure. Never counted as a test failure.
 *
 * @param kind     short id: {@code probe-crash}, {@code probe-timeout}, {@code device-open}, ...
 * @param message  one line saying what happened and, where known, how to fix it
 * @param artifact path of a file with more detail (hs_err log, console log), or empty
 * @param duringTest the test that was running, or empty
 */
public record InfraError(String kind, String message, String artifact, String duringTest) {}
