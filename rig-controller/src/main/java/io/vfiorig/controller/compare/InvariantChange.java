package io.vfiorig.controller.compare;

/**
 * One invariant of one test on both sides. A violation on the candidate is always {@link Verdict#BAD}.
 *
 * @param invariant  the invariant's id
 * @param baseline   PASS / FAIL / SKIP on the baseline (the worst over its runs), or {@code -}
 * @param candidate  the same on the candidate
 * @param violations violations counted on the candidate
 * @param verdict    bad when the candidate violated it, good otherwise
 */
public record InvariantChange(String invariant, String baseline, String candidate, long violations, Verdict verdict) {}
