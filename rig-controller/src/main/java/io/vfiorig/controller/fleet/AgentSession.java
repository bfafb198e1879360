package io.vfiorig.controller.fleet;

/**
 * What the fleet knows about one host's agent since it last said hello. Fields are read by
 * transport threads (kernel for metrics) and written under the fleet's lock.
 */
final class AgentSession {
    final String kernelRelease;
    final String rigVersion;
    volatile long lastBeatMs;
    /** When its stream closed, or -1 while open. */
    volatile long disconnectedMs = -1;
    /** False once the fleet has given it up (leases expired): it must say hello again. */
    volatile boolean alive = true;

    AgentSession(String kernelRelease, String rigVersion, long nowMs) {
        this.kernelRelease = kernelRelease;
        this.rigVersion = rigVersion;
        this.lastBeatMs = nowMs;
    }

    boolean connected() {
        return alive && disconnectedMs < 0;
    }

    /** When the fleet gives it up: heartbeat timeout while connected, grace after a disconnect. */
    long deadlineMs(FleetSettings s) {
        return disconnectedMs < 0 ? lastBeatMs + s.heartbeatTimeout().toMillis()
                : disconnectedMs + s.disconnectGrace().toMillis();
    }
}
