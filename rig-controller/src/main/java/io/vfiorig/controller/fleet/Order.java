package io.vfiorig.controller.fleet;

import java.util.List;

/**
 * A run the controller ordered, as stored: {@link RunOrder} plus where it stands.
 *
 * @param state   {@code queued}, {@code sent}, {@code running}, {@code finished} or {@code cancelled}
 * @param leaseId the lease it holds while sent or running, else {@code null}
 */
public record Order(String runId, String host, String suite, List<String> devices, String reason, String state,
        long createdMillis, String leaseId) {
    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String CANCELLED = "cancelled";

    public static final String NIGHTLY = "nightly";
    public static final String SUBMIT = "submit";
    public static final String HEALTH_CHECK = "health-check";

    public Order {
        devices = List.copyOf(devices);
    }

    /** @param kernel the guest kernel of its {@code vm:} devices ({@link Bookable#kernel}), empty for others */
    public RunOrder toRunOrder(String kernel) {
        return new RunOrder(runId, host, suite, devices, reason, kernel);
    }

    public boolean healthCheck() {
        return reason.equals(HEALTH_CHECK);
    }
}
