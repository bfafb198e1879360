package io.vfiorig.agent.invariant;

/**
 * One observation backing an invariant outcome.
 *
 * @param nanos  monotonic timestamp (System.nanoTime) of the observation, 0 if none
 * @param thread the thread that saw it
 * @param offset BAR offset involved, -1 if none
 * @param value  value read, if any
 * @param detail what was seen, in words
 */
public record Evidence(long nanos, String thread, long offset, Long value, String detail) {
    public static Evidence of(String detail) {
        return new Evidence(System.nanoTime(), Thread.currentThread().getName(), -1, null, detail);
    }

    public static Evidence at(long nanos, long offset, Long value, String detail) {
        return new Evidence(nanos, Thread.currentThread().getName(), offset, value, detail);
    }
}
