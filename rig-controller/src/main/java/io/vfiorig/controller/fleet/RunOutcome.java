package io.vfiorig.controller.fleet;

/**
 * How a run ended, as the controller saw it. An infrastructure error is never a test failure.
 *
 * @param detail for {@link Kind#INFRA_ERROR}: what went wrong (lease expired, agent lost, probe crash, ...)
 */
public record RunOutcome(Kind kind, String detail) {
    public enum Kind { PASSED, FAILED, INFRA_ERROR }
}
