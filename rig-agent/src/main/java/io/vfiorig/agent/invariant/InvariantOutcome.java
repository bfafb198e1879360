package io.vfiorig.agent.invariant;

import java.util.List;

/**
 * The verdict on one invariant in one test.
 *
 * @param invariant  the invariant's id
 * @param status     PASS, FAIL or SKIP (not applicable to this device or run)
 * @param violations how many violating observations were seen (evidence is capped)
 * @param summary    one line saying what was checked or what broke
 * @param evidence   up to a few observations
 */
public record InvariantOutcome(String invariant, Status status, long violations, String summary,
        List<Evidence> evidence) {
    public enum Status { PASS, FAIL, SKIP }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
