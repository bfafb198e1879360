package io.vfiorig.agent.result;

/**
 * A revoke-state change during a test, relative to the test's start.
 *
 * @param atMicros microseconds since the test started
 * @param phase    ACTIVE, REVOKING, REVOKED or RESTORING
 * @param cause    what caused it ("revoke", "restored", "reset", ...)
 */
public record TimelineEvent(long atMicros, String phase, String cause) {}
