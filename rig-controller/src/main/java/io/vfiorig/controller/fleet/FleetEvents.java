package io.vfiorig.controller.fleet;

import io.vfiorig.agent.result.TestResult;

/**
 * Implemented by the fleet (leases, health, schedule, fleet metrics); called by the transport as
 * agents connect, beat, report and disappear. Calls arrive on transport threads: implementations
 * must be thread-safe and must not block on I/O for long.
 */
public interface FleetEvents {
    void agentConnected(AgentHello hello);

    void agentHeartbeat(String host);

    void agentDisconnected(String host);

    void runStarted(String host, String runId);

    /** Called once a result is durably stored (never before). */
    void resultStored(String host, String runId, TestResult result);

    void runFinished(String host, String runId, RunOutcome outcome);

    /** For a transport running without a fleet (tests, benchmarks). */
    FleetEvents NONE = new FleetEvents() {
        @Override public void agentConnected(AgentHello hello) { }
        @Override public void agentHeartbeat(String host) { }
        @Override public void agentDisconnected(String host) { }
        @Override public void runStarted(String host, String runId) { }
        @Override public void resultStored(String host, String runId, TestResult result) { }
        @Override public void runFinished(String host, String runId, RunOutcome outcome) { }
    };
}
