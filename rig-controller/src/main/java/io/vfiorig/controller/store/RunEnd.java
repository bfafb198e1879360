package io.vfiorig.controller.store;

import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How a run ended.
 *
 * @param finishedAt  ISO-8601 instant, kept exactly as given
 * @param status      {@code passed}, {@code violations} or {@code infrastructure-error}
 * @param exitCode    the rig's exit code: 0, 1 or 2
 * @param infraErrors infrastructure errors of the run, in order (never test failures)
 */
public record RunEnd(String finishedAt, String status, int exitCode, List<InfraError> infraErrors) {

    public RunEnd {
        if (status == null || status.isBlank() || status.equals(StoredRun.RUNNING)) {
            throw new IllegalArgumentException("run end: status must be passed, violations or infrastructure-error, got '"
                    + status + "'");
        }
        finishedMillis(finishedAt);
        infraErrors = infraErrors == null ? List.of() : List.copyOf(infraErrors);
    }

    /**
     * @param r a finished run's results
     * @return how {@code r} ended
     */
    public static RunEnd of(RunResults r) {
        return new RunEnd(r.finishedAt(), r.status(), r.exitCode(), r.infrastructureErrors());
    }

    long finishedMillis() {
        return finishedMillis(finishedAt);
    }

    private static long finishedMillis(String iso) {
        try {
            return Instant.parse(iso).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("run end: finishedAt must be an ISO-8601 instant, got '" + iso + "'", e);
        }
    }
}
