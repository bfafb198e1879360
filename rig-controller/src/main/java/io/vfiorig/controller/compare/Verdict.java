package io.vfiorig.controller.compare;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of comparing a candidate with its baseline, per metric, test and run. */
public enum Verdict {
    /** No shift that matters: the confidence interval lies below the threshold. */
    GOOD,
    /** Not decidable: the interval straddles the threshold (more repeats may decide it). */
    WEAK,
    /** A regression: the interval lies above the threshold, or an invariant was violated. */
    BAD,
    /** Nothing to judge: an infrastructure error, a test missing on one side, no samples. */
    SKIP;

    /** @return the worse of the two, in the order GOOD &lt; WEAK &lt; BAD; SKIP only when both are */
    public Verdict and(Verdict other) {
        if (this == SKIP) {
            return other;
        }
        if (other == SKIP) {
            return this;
        }
        return ordinal() >= other.ordinal() ? this : other;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
