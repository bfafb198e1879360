package io.vfiorig.controller.fleet;

import java.time.Duration;

/**
 * The fleet's tunables.
 *
 * @param heartbeatTimeout an agent silent this long is taken for dead and its leases expire
 * @param disconnectGrace  an agent whose stream closed gets this long to come back before its leases expire
 * @param maxRunTime       a lease older than this expires even if its agent keeps beating (a run the agent lost)
 * @param quarantineAfter  infrastructure errors in a row that quarantine a device
 * @param healthCheckSuite the suite a health-check run runs
 */
public record FleetSettings(Duration heartbeatTimeout, Duration disconnectGrace, Duration maxRunTime,
        int quarantineAfter, String healthCheckSuite) {

    public static final FleetSettings DEFAULTS =
            new FleetSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofHours(12), 3, "smoke");

    public FleetSettings {
        positive(heartbeatTimeout, "heartbeat timeout");
        positive(disconnectGrace, "disconnect grace");
        positive(maxRunTime, "max run time");
        if (quarantineAfter < 1) {
            throw new IllegalArgumentException("quarantineAfter must be at least 1, got " + quarantineAfter);
        }
        if (healthCheckSuite == null || healthCheckSuite.isBlank()) {
            throw new IllegalArgumentException("the health-check suite is missing");
        }
    }

    public FleetSettings withQuarantineAfter(int n) {
        return new FleetSettings(heartbeatTimeout, disconnectGrace, maxRunTime, n, healthCheckSuite);
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
