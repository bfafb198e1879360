package io.vfiorig.agent.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A revoke-state change during a test, relative to the test's start.
 *
 * @param atMicros           microseconds since the test started
 * @param phase              ACTIVE, REVOKING, REVOKED or RESTORING
 * @param cause              what caused it ("revoke", "restored", "reset", ...)
 * @param sigbusAfterMicros  on a REVOKING change: microseconds until the first hammer thread saw
 *                           SIGBUS; null when none did (or on other phases, or in results written
 *                           before schema version 2)
 * @param successAfterMicros on a RESTORING change: microseconds until the first access succeeded
 *                           again; null when none did (or on other phases, or before version 2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEvent(long atMicros, String phase, String cause, Long sigbusAfterMicros,
        Long successAfterMicros) {

    /** A change without observed outcomes. */
    public TimelineEvent(long atMicros, String phase, String cause) {
        this(atMicros, phase, cause, null, null);
    }
}
