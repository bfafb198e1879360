package io.vfiorig.controller.store;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.RunResults;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What is known about a run when it starts: the same for every result of the run. The store keeps
 * it once per run and refuses a result whose header contradicts the stored one.
 *
 * @param resultsSchema {@code schemaVersion} of the results the agent produced ({@link RunResults#SCHEMA_VERSION})
 * @param suite         suite name ({@code smoke}, {@code nightly})
 * @param device        device spec(s) as given, {@code ;}-separated
 * @param backend       {@code sim}, {@code vfio}, ...
 * @param deviceModel   what baselines group by: {@code sim}, or the PCI {@code vendor:device} of a real device
 * @param kernelCommit  commit of the kernel under test when known (the rig built it), else {@code null}
 * @param hostClass     class of the host for like-with-like comparisons, or {@code null} when not classified
 * @param startedAt     ISO-8601 instant ({@code Instant.toString()} form), kept exactly as given
 * @param environment   the probe's environment: host, kernel release, rig version, ...
 */
public record RunHeader(int resultsSchema, String suite, String device, String backend, String deviceModel,
        String kernelCommit, String hostClass, String startedAt, Environment environment) {

    /** Checks the fields the store indexes on; the others may be anything. */
    public RunHeader {
        require(suite, "suite");
        require(device, "device");
        require(backend, "backend");
        require(deviceModel, "deviceModel");
        Objects.requireNonNull(environment, "environment");
        require(environment.host(), "environment.host");
        require(environment.kernelRelease(), "environment.kernelRelease");
        require(environment.rigVersion(), "environment.rigVersion");
        startedMillis(startedAt);
    }

    /**
     * The header of an existing {@code results.json}: suite, device, start and environment from
     * {@code r}; no kernel commit, no host class.
     *
     * @param r           the run's results
     * @param backend     the run's backend ({@code sim})
     * @param deviceModel the device model baselines group by
     * @return the header
     */
    public static RunHeader of(RunResults r, String backend, String deviceModel) {
        return new RunHeader(r.schemaVersion(), r.suite(), r.device(), backend, deviceModel, null, null,
                r.startedAt(), r.environment());
    }

    /** @return {@link #startedAt} in milliseconds since the epoch, for ordering */
    public long startedMillis() {
        return startedMillis(startedAt);
    }

    static long startedMillis(String iso) {
        require(iso, "startedAt");
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startedAt must be an ISO-8601 instant like 2025-03-01T10:00:00Z, got '"
                    + iso + "'", e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("run header: " + field + " is missing");
        }
    }
}
