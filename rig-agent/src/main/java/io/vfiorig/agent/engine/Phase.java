package io.vfiorig.agent.engine;

/** Where the device is in a disruption cycle, as the hammer threads see it. */
public enum Phase {
    /** Mapped and enabled: every access must succeed (after the recovery bound). */
    ACTIVE,
    /** A revoke, reset or close is in progress: accesses may succeed, block or fail. */
    REVOKING,
    /** The backend's revoke returned: every access must fail (SIGBUS). */
    REVOKED,
    /** A restore is in progress: accesses may succeed or fail. */
    RESTORING
}
