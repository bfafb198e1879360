package io.vfiorig.agent.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the supervisor asks a probe JVM to run.
 *
 * @param suite      suite name (a suite XML in test-suites: smoke, nightly, ...)
 * @param devices    device specs, e.g. {@code sim:bug=slow-fault}
 * @param outDir     where the event log, probe log and crash files go
 * @param timeout    the whole probe is killed after this (an infrastructure error)
 * @param properties extra {@code -Dkey=value} for the probe (threads, duration scale)
 */
public record ProbeRequest(String suite, List<String> devices, Path outDir, Duration timeout,
        java.util.Map<String, String> properties) {}
