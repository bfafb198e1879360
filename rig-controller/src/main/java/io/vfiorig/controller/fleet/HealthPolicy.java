package io.vfiorig.controller.fleet;

/**
 * How a run's end moves a device's health (docs/fleet.md, "Health"). An infrastructure error is
 * never a test failure: it makes the device {@code unknown} (a health check follows) and, after
 * {@code quarantineAfter} in a row, {@code quarantined}. A test failure says the kernel broke a
 * promise, not that the device is unwell: the device stays healthy. A health check that fails
 * counts like an infrastructure error, since checking the device is all it does.
 */
final class HealthPolicy {
    private final int quarantineAfter;

    HealthPolicy(int quarantineAfter) {
        this.quarantineAfter = quarantineAfter;
    }

    /** The device's health after {@code order} ended with {@code outcome}. */
    Verdict after(DeviceRow device, Order order, RunOutcome outcome) {
        boolean bad = outcome.kind() == RunOutcome.Kind.INFRA_ERROR
                || (order.healthCheck() && outcome.kind() == RunOutcome.Kind.FAILED);
        if (!bad) {
            return new Verdict(DeviceState.HEALTHY, null, 0);
        }
        int failures = device.failures() + 1;
        String what = order.healthCheck() && outcome.kind() == RunOutcome.Kind.FAILED
                ? "health check failed" : "infrastructure error";
        String detail = what + (outcome.detail() == null || outcome.detail().isBlank() ? "" : ": " + outcome.detail())
                + " (run " + order.runId() + ")";
        if (failures >= quarantineAfter) {
            return new Verdict(DeviceState.QUARANTINED, failures + " failures in a row; last: " + detail, failures);
        }
        return new Verdict(DeviceState.UNKNOWN, detail, failures);
    }

    record Verdict(DeviceState state, String reason, int failures) {}
}
